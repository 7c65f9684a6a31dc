#ifndef DRTOP_CCURL_SHIM_H
#define DRTOP_CCURL_SHIM_H
#include <curl/curl.h>

/* Swift cannot call C variadic functions: typed wrappers for the calls drtop makes. */
static inline CURLcode drtop_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode drtop_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode drtop_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*drtop_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode drtop_curl_set_callback(CURL *handle, CURLoption option, drtop_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline long drtop_curl_status(CURL *handle) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return status;
}
#endif
