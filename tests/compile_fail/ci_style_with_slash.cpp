// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: a style reference stands alone.
// expect: misplaced_operation
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("style/a/b"); }
