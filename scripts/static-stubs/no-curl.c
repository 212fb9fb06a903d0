/*
 * The release and standalone trellis binaries have no libcurl: these stand in for it.
 *
 * Foundation's FoundationNetworking (URLSession) is linked in because a
 * dependency, FlyingFox, has a proxy handler that uses URLSession. Trellis
 * never uses it: it does no networking but its own preview server. Linking
 * the real libcurl statically would pull in OpenSSL, Kerberos, LDAP and
 * more; linking it dynamically would make the binary need them installed,
 * and load them all at every start. So the builds that link the Swift
 * runtime in (scripts/curl-stand-in) link these instead. Each one stops the
 * program with a clear message if it is ever called.
 */
#include <stdio.h>
#include <stdlib.h>

static void no_curl(const char *name) {
    fprintf(stderr, "trellis: internal error: %s called, but this binary has no networking library (libcurl)\n", name);
    abort();
}

#define STUB(name) void name(void) { no_curl(#name); }

STUB(curl_easy_cleanup)
STUB(curl_easy_getinfo)
STUB(curl_easy_init)
STUB(curl_easy_pause)
STUB(curl_easy_setopt)
STUB(curl_easy_strerror)
STUB(curl_free)
STUB(curl_global_init)
STUB(curl_multi_add_handle)
STUB(curl_multi_assign)
STUB(curl_multi_cleanup)
STUB(curl_multi_info_read)
STUB(curl_multi_init)
STUB(curl_multi_remove_handle)
STUB(curl_multi_setopt)
STUB(curl_multi_socket_action)
STUB(curl_slist_append)
STUB(curl_slist_free_all)
STUB(curl_url)
STUB(curl_url_get)
STUB(curl_url_set)
STUB(curl_version)
STUB(curl_version_info)
