/*
 * document.cc — nx_doc: a document collected in C and turned into a
 * Xapian::Document by the writer (writer.cc), which owns the
 * TermGenerator.
 */
#include "shim_internal.h"

#include <utility>
#include <vector>

#include "shim_doc.h"

extern "C" int nx_doc_new(nx_doc **out)
{
    std::string msg;
    *out = nullptr;
    return nx::guarded(msg, [&]() -> int {
        *out = new nx_doc();
        return NX_OK;
    });
}

extern "C" void nx_doc_free(nx_doc *doc)
{
    delete doc;
}

extern "C" int nx_doc_set_id(nx_doc *doc, const char *id)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        if (!id || !*id)
            return NX_EINVAL;
        doc->id = id;
        return NX_OK;
    });
}

extern "C" int nx_doc_add_text(nx_doc *doc, const char *text, size_t len,
                               unsigned weight, const char *prefix)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        nx_doc::text t;
        t.text.assign(text, len);
        t.weight = weight ? weight : 1;
        t.prefix = prefix ? prefix : "";
        doc->texts.push_back(std::move(t));
        return NX_OK;
    });
}

extern "C" int nx_doc_add_term(nx_doc *doc, const char *term)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        /* Longer terms than Xapian stores are a caller bug (facet keys are
         * capped well below). */
        size_t n = std::char_traits<char>::length(term);
        if (n == 0 || n > NX_TERM_MAX)
            return NX_EINVAL;
        doc->terms.emplace_back(term, n);
        return NX_OK;
    });
}

extern "C" int nx_doc_set_value(nx_doc *doc, unsigned slot, const char *value,
                                size_t len)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        doc->values.emplace_back(slot, std::string(value, len));
        return NX_OK;
    });
}

extern "C" int nx_doc_set_data(nx_doc *doc, const char *data, size_t len)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        doc->data.assign(data, len);
        return NX_OK;
    });
}
