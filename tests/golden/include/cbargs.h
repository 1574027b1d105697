/* cbargs.h: the declarations pass/callback_args.in binds, so that its expected output
 * compiles: those of the e2e library that implements them. */
#include "../../e2e/lib/cbargs.h"
