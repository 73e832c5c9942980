#pragma once

namespace salvo {

// The jq process's side (salvo-jq): reads requests on standard input and writes their answers
// on standard output, one at a time and in order, until its input ends. jq 1.6 is not safe
// to use from several threads at once (jqlang/jq#2545), and an expression can loop or take
// all memory; in a process of its own, Salvo can stop it without stopping itself.
int runJqWorker();

} // namespace salvo
