// SPDX-License-Identifier: MIT
// A bad "..."_ci literal: the compiler's first message names the errc, the byte offset and the
// field the offset points into (g++ prints {"..."}, clang the characters one by one).
// expect: value_out_of_range.*(ByteOffset = 21|21UL).*(20000x|'2', '0', '0', '0', '0', 'x')
#include "objproc/cos/rule.hpp"

int main() {
  using namespace objproc::literals;
  constexpr auto rule = "imageMogr2/thumbnail/20000x"_ci;
  return static_cast<int>(rule.view().size());
}
