// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: rotate is 0-360.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/rotate/361"); }
