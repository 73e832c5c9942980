// salvo-jq: the jq process that salvo and salvo-cli start to evaluate jq expressions
// (core/inspect/JqService); it reads requests on standard input and answers on standard output.

#include "JqWorker.h"

int main()
{
    return salvo::runJqWorker();
}
