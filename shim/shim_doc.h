/*
 * shim_doc.h — the body of nx_doc, shared by document.cc and writer.cc.
 */
#ifndef NX_SHIM_DOC_H
#define NX_SHIM_DOC_H

#include <string>
#include <utility>
#include <vector>

struct nx_doc {
    struct text {
        std::string text;    /* free text for the TermGenerator */
        unsigned weight;     /* wdf multiplier */
        std::string prefix;  /* "" or a field prefix */
    };
    std::string id;                                    /* unique id */
    std::vector<text> texts;                           /* in index order */
    std::vector<std::string> terms;                    /* boolean terms */
    std::vector<std::pair<unsigned, std::string>> values;
    std::string data;                                  /* stored data */
};

#endif
