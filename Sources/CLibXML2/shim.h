// libxml2 for Swift. Debian builds libxml2 with ICU support, so its headers would pull in
// ICU's and clash with Foundation's bundled ICU; xmlversion.h comes first so that the
// ICU switch can be turned off before anything else is included.
#ifndef TEXTMILL_CLIBXML2_SHIM_H
#define TEXTMILL_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as
/// non-concurrency-safe; calling it from C sidesteps that.
static inline void textmill_xmlFree(void *p) { xmlFree(p); }

/// Refuses every external entity or DTD load: defence in depth in case a parse option
/// ever asks libxml2 to resolve one.
static inline xmlParserInputPtr textmill_noExternalLoader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void textmill_installNoExternalLoader(void) {
    xmlSetExternalEntityLoader(textmill_noExternalLoader);
}
#endif
