// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: #3D3D3 is not #RRGGBB.
// expect: invalid_color
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0Qz"); }
