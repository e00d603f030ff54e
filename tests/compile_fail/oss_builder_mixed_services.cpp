// SPDX-License-Identifier: MIT
// Operations of two services do not compose.
// expect: do not compose
#include "objproc/oss/image.hpp"
#include "objproc/oss/spec.hpp"

namespace fake {
struct video_op {
  static constexpr std::string_view service = "video";
  constexpr void render(objproc::oss::detail::op_writer& w) const noexcept { w.name("info"); }
};
}  // namespace fake

int main() {
  const auto style = objproc::oss::image::info{} / fake::video_op{};
  return static_cast<int>(style.view().size());
}
