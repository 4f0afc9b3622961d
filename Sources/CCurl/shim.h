// Typed wrappers for libcurl's variadic curl_easy_setopt / curl_easy_getinfo,
// which Swift cannot call directly.
#ifndef VTJDROP_CCURL_SHIM_H
#define VTJDROP_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode vtj_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vtj_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vtj_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vtj_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vtj_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*vtj_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode vtj_curl_setopt_write_function(CURL *handle, vtj_curl_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode vtj_curl_setopt_header_function(CURL *handle, vtj_curl_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode vtj_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vtj_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vtj_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vtj_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

typedef int (*vtj_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now,
                                          curl_off_t upload_total, curl_off_t upload_now);

/// Progress callback: returning non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK); used for cancellation.
static inline CURLcode vtj_curl_setopt_progress_function(CURL *handle, vtj_curl_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// CURLAUTH_BASIC is a cast macro that Swift does not import.
static inline long vtj_curlauth_basic(void) {
    return (long)CURLAUTH_BASIC;
}

/// CURL_ERROR_SIZE as a function for the same reason.
static inline size_t vtj_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

#endif
