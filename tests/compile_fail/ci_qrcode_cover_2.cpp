// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: QRcode cover is 0 or 1.
// expect: invalid_enum_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("QRcode/cover/2"); }
