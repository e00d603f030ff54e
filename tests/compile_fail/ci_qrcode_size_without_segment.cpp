// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: QRcode size only with segment 1.
// expect: conflicting_parameters
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("QRcode/cover/0/segment/0/size/1000"); }
