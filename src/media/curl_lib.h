/* curl_lib.h - libcurl loaded with the first download, not at every start: fetch.c's calls go through pointers of the same names. */
#ifndef FOLIO_CURL_LIB_H
#define FOLIO_CURL_LIB_H

#include <stdbool.h>
#include <curl/curl.h>

/* Every libcurl function folio calls. */
#define FOLIO_CURL_FUNCTIONS(X) \
	X(curl_global_init) X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_easy_strerror) \
	X(curl_easy_cleanup) X(curl_slist_append) X(curl_slist_free_all) X(curl_multi_init) X(curl_multi_add_handle) \
	X(curl_multi_remove_handle) X(curl_multi_perform) X(curl_multi_info_read) X(curl_multi_poll) X(curl_multi_cleanup)

struct libcurl {
#define FOLIO_CURL_POINTER(name) __typeof__(name) *p_##name;
	FOLIO_CURL_FUNCTIONS(FOLIO_CURL_POINTER)
#undef FOLIO_CURL_POINTER
};
extern struct libcurl libcurl;

/* libcurl loaded and initialised (once for the process; any thread may ask); false, with *error
   saying why (static), when it cannot be. */
bool libcurl_load(const char **error);

/* curl.h's type-checking wrappers (GCC) name the functions themselves: the pointers instead. */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_global_init (libcurl.p_curl_global_init)
#define curl_easy_init (libcurl.p_curl_easy_init)
#define curl_easy_setopt (libcurl.p_curl_easy_setopt)
#define curl_easy_getinfo (libcurl.p_curl_easy_getinfo)
#define curl_easy_strerror (libcurl.p_curl_easy_strerror)
#define curl_easy_cleanup (libcurl.p_curl_easy_cleanup)
#define curl_slist_append (libcurl.p_curl_slist_append)
#define curl_slist_free_all (libcurl.p_curl_slist_free_all)
#define curl_multi_init (libcurl.p_curl_multi_init)
#define curl_multi_add_handle (libcurl.p_curl_multi_add_handle)
#define curl_multi_remove_handle (libcurl.p_curl_multi_remove_handle)
#define curl_multi_perform (libcurl.p_curl_multi_perform)
#define curl_multi_info_read (libcurl.p_curl_multi_info_read)
#define curl_multi_poll (libcurl.p_curl_multi_poll)
#define curl_multi_cleanup (libcurl.p_curl_multi_cleanup)

#endif
