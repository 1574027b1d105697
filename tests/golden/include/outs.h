/* outs.h: declarations the golden case out_params.in binds: the e2e library's own. */
#include "../../e2e/lib/outs.h"
