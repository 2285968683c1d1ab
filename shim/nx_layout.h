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

#include <stddef.h>
#include <stdint.h>

#define NX_STUB_NAME "XAPIANDB"

/* The current generation of database directory `dbdir`: *gen_path (malloc'd)
 * is the path of its Xapian database, *gen its number.  With `create`, a
 * missing directory is created with an empty generation 1, and a stub
 * naming a generation that is gone is NX_EDB (damaged: never replaced by
 * a new empty one).  Errors: NX_EIO (cannot create/read), NX_ENOTFOUND (no
 * database), NX_EINVAL (not a newsdex database directory, e.g. a stub file
 * of shards); *err says which. */
int nx_layout_current(const char *dbdir, int create, char **gen_path,
                      unsigned *gen, char **err);

/* NX_OK when a database may be created (or is) in `dbdir`: it is missing,
 * holds a stub, or holds nothing but a lock file and generations newsdex
 * made (an interrupted first rebuild).  Else NX_EINVAL, *err naming what
 * was found: a foreign directory is never adopted. */
int nx_layout_check_dir(const char *dbdir, char **err);

/* Points the stub at generation `gen` atomically (write, fsync, rename). */
int nx_layout_switch(const char *dbdir, unsigned gen, char **err);

/* The path of generation `gen` in `dbdir`; malloc'd. */
char *nx_layout_gen_path(const char *dbdir, unsigned gen);

/* ------------------------------------------------------------ generations
 * (layout_gens.c)  A rebuild writes gen-(max+1) beside the live one; after
 * its swap only the live generation and the one it replaced are kept (the
 * latter for `newsdex rollback`). */

/* The generation numbers present in `dbdir` (directories named exactly
 * gen-NNNNNN), ascending, into out[0..*n); at most `max`.  NX_EIO when the
 * directory cannot be read. */
int nx_layout_list_gens(const char *dbdir, unsigned *out, size_t max,
                        size_t *n);

/* Removes everything in `dbdir` that looks like a generation (gen-*)
 * except the generations keep[0..nkeep) and directories newsdex did not
 * make (anything in them but the files of a glass database: NX_EINVAL,
 * "left alone").  Each goes by a rename to a ".trash" name first, so a
 * half-deleted generation never looks like a database.  Returns the first
 * error but goes on. */
int nx_layout_prune(const char *dbdir, const unsigned *keep, size_t nkeep,
                    char **err);

/* Removes one directory tree (a generation); NX_OK when it is absent. */
int nx_layout_remove_tree(const char *path, char **err);

/* fsyncs every file in the directory tree `path` and the directories
 * themselves: what a writer opened with no_sync skipped. */
int nx_layout_sync_tree(const char *path, char **err);

/* ------------------------------------------------------------ free space
 * (space.c)  NX_ENOSPC, *err "PATH: No space left on device (N MB free,
 * about M needed)", when the file system of `path` (or of its nearest
 * existing parent) has fewer than `need` bytes free for this user; NX_OK
 * when it has them or cannot tell (the write itself then says ENOSPC). */
int nx_space_check(const char *path, uint64_t need, char **err);
/* What any commit needs beyond its changes: glass rewrites the blocks a
 * change touches beside the old ones, and its base files. */
#define NX_SPACE_FLOOR (4ull * 1000 * 1000)

/* ------------------------------------------------------------ writer lock
 * (lock.c)  One writer at a time per database directory: flock(2) on
 * DB/lock, which holds "pid=..", "command=..", "since=.." lines for the
 * message another writer gets.  The kernel drops the lock when its holder
 * dies, so a killed writer never leaves the database locked; the stale
 * lines it leaves are ignored (their pid is gone).  The file itself is
 * never unlinked: unlinking a flock file races with the next locker. */

#define NX_LOCK_NAME "lock"

typedef struct nx_lock nx_lock;

typedef struct nx_lock_holder {
    long pid;            /* 0 when unknown */
    char command[96];    /* "newsdex rebuild" */
    char since[32];      /* ISO 8601 UTC */
} nx_lock_holder;

/* Takes the writer lock of `dbdir` (creating the directory and DB/lock if
 * missing) for `command`, waiting up to `wait_seconds` (0: fail at once).
 * NX_ELOCKED when another writer holds it, with *holder (may be NULL)
 * saying who; NX_EIO with *err (malloc'd) when it cannot be taken. */
int nx_lock_acquire(nx_lock **out, const char *dbdir, const char *command,
                    double wait_seconds, nx_lock_holder *holder, char **err);
/* Clears the holder lines and releases the lock; NULL is a no-op. */
void nx_lock_release(nx_lock *lock);
/* 1 and *holder when a live writer holds the lock of `dbdir`, else 0.  Only
 * reads the file: a reader must never take the lock, even briefly, or a
 * writer starting at that moment would be turned away. */
int nx_lock_holder_get(const char *dbdir, nx_lock_holder *holder);

#endif
