#ifndef LOA_CCMARK_SHIM_H
#define LOA_CCMARK_SHIM_H
#include <cmark.h>
#endif
