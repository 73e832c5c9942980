#include "CookieJar.h"

namespace salvo {

CookieJar::CookieJar()
    : m_share(curl_share_init())
{
    curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, &CookieJar::lock);
    curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, &CookieJar::unlock);
    curl_share_setopt(m_share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
}

CookieJar::~CookieJar()
{
    curl_share_cleanup(m_share);
}

void CookieJar::lock(CURL *, curl_lock_data data, curl_lock_access, void *self)
{
    static_cast<CookieJar *>(self)->m_locks[size_t(data)].lock();
}

void CookieJar::unlock(CURL *, curl_lock_data data, void *self)
{
    static_cast<CookieJar *>(self)->m_locks[size_t(data)].unlock();
}

} // namespace salvo
