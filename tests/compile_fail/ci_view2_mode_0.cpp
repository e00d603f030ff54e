// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: COS has no imageView2 mode 0.
// expect: invalid_enum_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageView2/0/w/100"); }
