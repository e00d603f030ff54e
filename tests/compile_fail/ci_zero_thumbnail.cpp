// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: a zero width.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/thumbnail/0x100"); }
