// SPDX-License-Identifier: MIT
// A bad "..."_oss literal: the compiler's first message names the errc, the byte offset, the
// field the offset points into and the detail (g++ prints {"m_abc"}, clang 'm', '_', 'a', ...).
// expect: invalid_enum_value.*21.*(m_abc|'m', '_', 'a', 'b', 'c').*(lfit mfit|'l', 'f', 'i', 't')
#include "objproc/oss/style.hpp"

int main() {
  using namespace objproc::literals;
  constexpr auto style = "image/resize,w_100,m_abc"_oss;
  return static_cast<int>(style.view().size());
}
