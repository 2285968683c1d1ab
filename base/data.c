/*
 * data.c — the run-time lookup of nx_data.h.  NX_BUILD_DIR and
 * NX_DATA_INSTALL_DIR come from base/CMakeLists.txt.
 */
#include "nx_data.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_status.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed data directory into dir (PATH_MAX bytes); 0 for a program
 * of the build tree, or when no data directory is installed. */
static int installed_dir(char *dir)
{
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[k > 0 ? k : 0] = '\0';
    /* Beside the executable first: also a tree staged under DESTDIR
     * (which may lie in the build directory) or moved after install. */
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = '\0';
        static const char *const rel[] = {"/../share/newsdex",
                                          "/../../share/newsdex"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            char rp[PATH_MAX];
            int w = snprintf(rp, sizeof rp, "%s%s", exe, rel[i]);
            if (w > 0 && w < PATH_MAX && is_dir(rp) && realpath(rp, dir))
                return 1;
        }
        *slash = '/';
    }
    if (exe[0] && realpath(NX_BUILD_DIR, build)) {
        size_t bl = strlen(build);
        if (strncmp(exe, build, bl) == 0 && exe[bl] == '/')
            return 0;
    }
    if (is_dir(NX_DATA_INSTALL_DIR)) {
        snprintf(dir, PATH_MAX, "%s", NX_DATA_INSTALL_DIR);
        return 1;
    }
    return 0;
}

int nx_data_path(char *out, size_t n, const char *src_dir, const char *name)
{
    char dir[PATH_MAX];
    const char *base = installed_dir(dir) ? dir : src_dir;
    int w = name ? snprintf(out, n, "%s/%s", base, name)
                 : snprintf(out, n, "%s", base);
    return w >= 0 && (size_t)w < n ? NX_OK : NX_ETOOBIG;
}
