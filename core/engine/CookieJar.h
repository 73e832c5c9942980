#pragma once

#include <QtGlobal>

#include <curl/curl.h>

#include <array>
#include <mutex>

namespace salvo {

// The cookies a run keeps between its requests, when the person asks for that: one libcurl
// cookie store shared by every engine thread, in memory only, gone with the run.
class CookieJar final
{
public:
    CookieJar();
    ~CookieJar();
    Q_DISABLE_COPY_MOVE(CookieJar)

    CURLSH *share() const { return m_share; }

private:
    static void lock(CURL *, curl_lock_data data, curl_lock_access, void *self);
    static void unlock(CURL *, curl_lock_data data, void *self);

    CURLSH *m_share;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> m_locks;
};

} // namespace salvo
