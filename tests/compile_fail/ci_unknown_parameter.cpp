// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: no such imageMogr2 key.
// expect: unknown_parameter
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/zoom/2"); }
