/*
 * shim_shards.h — a stub file of shards, opened shard by shard
 * (shards.cc); private to shim/.
 */
#ifndef NX_SHIM_SHARDS_H
#define NX_SHIM_SHARDS_H

#include <string>
#include <vector>

#include <xapian.h>

#include "shim_internal.h"

namespace nx {

struct Shard {
    std::string name;    /* HOST:PORT or the path, as users see it */
    bool remote = false;
    std::string host;
    unsigned port = 0;
    bool up = false;     /* opened and answering */
    Xapian::Database db;
};

/* Parses a stub file into shards; msg says what is wrong with it. */
int read_stub(const std::string &path, std::vector<Shard> &out,
              std::string &msg);
/* Opens one shard (remote ones with the timeout, for connecting and for
 * every operation); msg names the shard when it fails. */
int open_shard(Shard &s, unsigned timeout_ms, std::string &msg);
/* Whether an opened shard still answers. */
bool shard_alive(Shard &s);
/* The shards that are up, as one database. */
Xapian::Database combine(const std::vector<Shard> &shards);

} // namespace nx

#endif
