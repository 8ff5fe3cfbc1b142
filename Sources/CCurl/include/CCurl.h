// libcurl for Swift: the library's own header, plus typed wrappers for its variadic calls (Swift cannot call C
// variadic functions). Used by BotRuntime's outbound HTTP (libcurl's multi interface).
#ifndef CXZY_CCURL_H
#define CXZY_CCURL_H

#include <curl/curl.h>

CURLcode cxzy_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode cxzy_curl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode cxzy_curl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value);
CURLcode cxzy_curl_easy_setopt_write_function(CURL *handle, curl_write_callback callback);
CURLcode cxzy_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLMcode cxzy_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

#endif
