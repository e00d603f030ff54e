// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: blur radius is 1-50.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/blur/51x5"); }
