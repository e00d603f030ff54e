// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: one trailing slash is dropped, a second is an empty segment.
// expect: empty_operation
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/strip//"); }
