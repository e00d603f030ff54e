// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: imageInfo is a query of its own, not a pipeline stage.
// expect: misplaced_operation
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/strip|imageInfo"); }
