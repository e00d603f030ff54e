// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: not a CI operation.
// expect: unknown_operation
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr3/thumbnail/!50p"); }
