/*
 * nx_layout.h — the on-disk layout of a newsdex database (DESIGN.md):
 *
 *     newsdex.db/            the database directory users name with --db
 *       XAPIANDB             a Xapian stub file: "auto gen-000001"
 *       gen-000001/          a Xapian glass database: one generation
 *
 * Readers open the directory; Xapian follows the stub to the current
 * generation.  A rebuild writes the next generation beside it and renames a
 * new stub over XAPIANDB, so every reader sees the old index or the new one,
 * never half of one.
 */
#ifndef NX_LAYOUT_H
#define NX_LAYOUT_H

#define NX_STUB_NAME "XAPIANDB"

/* The current generation of database directory `dbdir`: *gen_path (malloc'd)
 * is the path of its Xapian database, *gen its number.  With `create`, a
 * missing directory is created with an empty generation 1.  Errors: NX_EIO
 * (cannot create/read), NX_ENOTFOUND (no database), NX_EINVAL (not a newsdex
 * database directory, e.g. a stub file of shards); *err says which. */
int nx_layout_current(const char *dbdir, int create, char **gen_path,
                      unsigned *gen, char **err);

/* Points the stub at generation `gen` atomically (write, fsync, rename). */
int nx_layout_switch(const char *dbdir, unsigned gen, char **err);

/* The path of generation `gen` in `dbdir`; malloc'd. */
char *nx_layout_gen_path(const char *dbdir, unsigned gen);

#endif
