// SPDX-License-Identifier: MIT
// The checked literal reaches the API (compiled by tests/CMakeLists.txt against the single
// header alone, with the strict warning set): a "..."_oss / "..."_ci literal goes wherever a
// style, a rule or a Pic-Operations rule's text is expected.
#include <objproc/objproc.hpp>

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using namespace objproc::literals;

int main() {
  const oss::process_object a{
      .bucket = "examplebucket", .key = "a.jpg", .process = "image/resize,w_100"_oss};
  const oss::presign_get b{
      .bucket = "examplebucket", .key = "a.jpg", .process = "image/resize,w_100"_oss};
  const ci::pic_rule c{.fileid = "o.png", .rule = "imageMogr2/thumbnail/!50p"_ci};
  const ci::presign_get d{
      .bucket = "examplebucket-1250000000", .key = "a.jpg", .process = "imageView2/format/png"_ci};
  (void)a;
  (void)b;
  (void)c;
  (void)d;
}
