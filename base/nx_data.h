/*
 * nx_data.h — where newsdex finds its data files (gazetteers, the tagger
 * model, the alias tables) at run time.
 *
 * First the data directory beside the executable (BIN/../share/newsdex,
 * or BIN/../../share/newsdex for lib/cgi-bin), so an installed tree works
 * where it is, staged under DESTDIR or moved.  Else a program of the build
 * tree (its executable under the CMake build directory) reads the files
 * where they live in the source tree, so a change there is seen without
 * installing.  Else the configured ${prefix}/share/newsdex, and last, when
 * that does not exist, the source tree it was built from.
 */
#ifndef NX_DATA_H
#define NX_DATA_H

#include <stddef.h>

/* Writes into out (n bytes) the path of one data file: `src_dir`/`name` in
 * the build tree, else DATADIR/`name`, with the installed data directory
 * found as above.  A NULL name asks for the directory itself (the
 * gazetteers, which the install puts at the top of the data directory).
 * Returns NX_OK, or NX_ETOOBIG when the path does not fit in n. */
int nx_data_path(char *out, size_t n, const char *src_dir, const char *name);

#endif
