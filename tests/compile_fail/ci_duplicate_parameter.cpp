// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: a key twice.
// expect: duplicate_parameter
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/rotate/90/rotate/45"); }
