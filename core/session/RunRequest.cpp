#include "RunRequest.h"

#include <algorithm>

#include "sample/SampleApi.h"

namespace salvo {

RunOptions optionsForRun(RunOptions chosen, RunKind kind, RunHost host)
{
    if (kind == RunKind::Sample) // its row that never answers times out within seconds
        chosen.inactivity = std::min(chosen.inactivity, SampleApi::inactivityTimeout);
    chosen.yieldToCaller = host == RunHost::Window;
    return chosen;
}

} // namespace salvo
