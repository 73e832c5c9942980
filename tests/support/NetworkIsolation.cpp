#include "NetworkIsolation.h"

#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
bool isolated = false;
}

bool isolateNetwork()
{
    if (isolated)
        return true;
    if (unshare(CLONE_NEWNET) != 0)
        return false;
    // A new namespace's loopback starts down; the tests' servers need it up.
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return false;
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = ioctl(fd, SIOCGIFFLAGS, &request) == 0;
    request.ifr_flags = short(request.ifr_flags | IFF_UP | IFF_RUNNING);
    up = up && ioctl(fd, SIOCSIFFLAGS, &request) == 0;
    close(fd);
    isolated = up;
    return up;
}

bool networkIsolated()
{
    return isolated;
}
