#pragma once

// Moves the calling process into a network namespace of its own, with only a loopback
// interface, so that nothing a test does can reach another machine, and name lookups fail
// at once instead of asking a real resolver. Needs root (CI runs as root). Call it first
// thing in main(), before any thread starts. Returns false where it is not possible.
bool isolateNetwork();

// Whether isolateNetwork() succeeded in this process.
bool networkIsolated();
