// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: quality is 0-100.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/quality/101"); }
