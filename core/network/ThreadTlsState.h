#pragma once

namespace salvo {

// Frees what OpenSSL keeps for the calling thread (its random generators and error queue).
// OpenSSL frees it itself when a thread ends, but only after QThread::wait() has returned, so
// a process that exits right after joining its threads races those frees: sanitizers then
// report them as leaks. A thread that did TLS work calls this as its last act.
void releaseThisThreadsTlsState();

} // namespace salvo
