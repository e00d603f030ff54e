// SPDX-License-Identifier: MIT
// Tests the results of the CI vocabulary of issue 12 in objproc/cos/results.hpp: the JSON of the
// download-URL queries imageInfo, exif and imageAve, and QR-code recognition in UploadResult,
// with the documented samples (docs/vocabulary/cos.md) and malformed bodies.
#include "objproc/cos/results.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace objproc;

namespace {

template <class T>
void require_error(const result<T>& r, errc code, std::size_t offset) {
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
}

// CI "获取图片基本信息" (current page): every value a JSON string.
constexpr std::string_view info_current =
    R"({"format":"jpeg","width":"960","height":"540","size":"158421",)"
    R"("md5":"77a16fa70e2eba652fb42e8a639c52f2","dynamic_range":"unknow","frame_count":"1",)"
    R"("bit_depth":"8","vertical_dpi":"118","horizontal_dpi":"118"})";
// The older international page: photo_rgb, no frame_count.
constexpr std::string_view info_intl = R"({
  "format": "png", "width": "640", "height": "427", "size": "463092",
  "md5": "77A16FA70E2EBA652FB42E8A639C52F2", "photo_rgb": "0x736246"
})";

}  // namespace

TEST_CASE("imageInfo JSON: the documented generations", "[cos][results][query]") {
  const auto current = cos::parse_image_info(info_current);
  REQUIRE(current.has_value());
  CHECK(*current == cos::image_basic_info{.format = "jpeg",
                                          .width = 960,
                                          .height = 540,
                                          .size = 158421,
                                          .md5 = "77a16fa70e2eba652fb42e8a639c52f2",
                                          .frame_count = 1,
                                          .bit_depth = 8,
                                          .vertical_dpi = 118,
                                          .horizontal_dpi = 118,
                                          .dynamic_range = "unknow"});
  const auto intl = cos::parse_image_info(info_intl);
  REQUIRE(intl.has_value());
  CHECK(intl->width == 640);
  CHECK_FALSE(intl->frame_count.has_value());
  CHECK(intl->dynamic_range.empty());

  require_error(cos::parse_image_info(""), errc::invalid_json, 0);
  require_error(cos::parse_image_info("[]"), errc::wrong_type, 0);
  require_error(cos::parse_image_info(R"({"format":"png","width":"1"})"), errc::missing_key, 0);
  require_error(cos::parse_image_info(R"({"format":"png","width":960})"), errc::wrong_type, 24);
  require_error(cos::parse_image_info(R"({"format":"png","width":"-1"})"), errc::invalid_number,
                24);
  require_error(cos::parse_image_info(R"({"format":"png","width":"4294967296"})"),
                errc::value_out_of_range, 24);
  require_error(cos::parse_image_info(R"({"format":"p","width":"1","height":"1","size":"1",)"
                                      R"("md5":"abc"})"),
                errc::wrong_type, 56);
  require_error(cos::parse_image_info(R"({"format":"p","format":"q"})"), errc::duplicate_key, 14);
}

TEST_CASE("exif JSON: tags, and the no-EXIF form", "[cos][results][query]") {
  // CI "获取图片 EXIF" sample (abridged).
  const auto tags = cos::parse_exif(R"({
    "ColorSpace": {"val": "sRGB"},
    "ExifVersion": {"val": "48 50 51 48"},
    "ExposureBiasValue": {"val": "0/1"},
    "ExposureTime": {"val": "1/200"},
    "FNumber": {"val": "13/1"}
  })");
  REQUIRE(tags.has_value());
  REQUIRE(tags->tags.size() == 5);
  CHECK(tags->has_exif());
  CHECK(tags->tags[0] == cos::exif_tag{"ColorSpace", "sRGB"});
  CHECK(tags->tags[4] == cos::exif_tag{"FNumber", "13/1"});
  CHECK(cos::parse_exif(R"({"ColorSpace": {"val": "sRGB"}})")->tags.size() == 1);
  // The documented error form, space before the colon included.
  const auto none = cos::parse_exif(R"({"error" : "no exif data"})");
  REQUIRE(none.has_value());
  CHECK_FALSE(none->has_exif());
  CHECK(cos::parse_exif("{}")->tags.empty());

  require_error(cos::parse_exif(R"({"error":"boom"})"), errc::service_error, 9);
  require_error(cos::parse_exif(R"({"error":1})"), errc::wrong_type, 9);
  require_error(cos::parse_exif(R"({"ColorSpace":"sRGB"})"), errc::wrong_type, 14);
  require_error(cos::parse_exif(R"({"ColorSpace":{"value":"sRGB"}})"), errc::missing_key, 14);
  require_error(cos::parse_exif(R"({"ColorSpace":{"val":1}})"), errc::wrong_type, 21);
}

TEST_CASE("imageAve JSON", "[cos][results][query]") {
  CHECK(cos::parse_image_ave(R"({"RGB": "0x736246"})")->rgb == 0x736246);
  CHECK(cos::parse_image_ave(R"({"RGB":"0xA18454"})")->rgb == 0xa18454);
  require_error(cos::parse_image_ave("{}"), errc::missing_key, 0);
  require_error(cos::parse_image_ave(R"({"RGB":"736246"})"), errc::invalid_color, 7);
  require_error(cos::parse_image_ave(R"({"RGB":"0x73624"})"), errc::invalid_color, 7);
  require_error(cos::parse_image_ave(R"({"RGB":"0x73624g"})"), errc::invalid_color, 7);
  require_error(cos::parse_image_ave(R"({"RGB":7561798})"), errc::wrong_type, 7);
}

namespace {

std::string qr_upload(std::string_view object_tail) {
  return "<UploadResult><OriginalInfo><Key>picture.jpg</Key>"
         "<Location>examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/picture.jpg</Location>"
         "<ETag>&quot;e&quot;</ETag><ImageInfo><Format>JPEG</Format><Width>640</Width>"
         "<Height>427</Height><Quality>100</Quality><Ave>0xa18454</Ave>"
         "<Orientation>1</Orientation></ImageInfo></OriginalInfo><ProcessResults><Object>"
         "<Key>picture-2.jpg</Key>"
         "<Location>examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/picture-2.jpg</Location>"
         "<Format>png</Format><Width>640</Width><Height>427</Height><Size>463092</Size>"
         "<Quality>100</Quality><ETag>&quot;f&quot;</ETag>" +
         std::string(object_tail) + "</Object></ProcessResults></UploadResult>";
}

}  // namespace

TEST_CASE("QR-code results in UploadResult", "[cos][results][qr]") {
  // The documented sample's values, in the SDK parsers' element names.
  const std::string sdk = qr_upload(
      "<CodeStatus>1</CodeStatus>"
      "<QRcodeInfo><CodeUrl>xxxxxxxxxxxxx</CodeUrl><CodeLocation><Point>100,100</Point>"
      "<Point>100,200</Point><Point>200,200</Point><Point>200,100</Point></CodeLocation>"
      "</QRcodeInfo>"
      "<QRcodeInfo><CodeUrl></CodeUrl><CodeLocation><Point>1000,1000</Point>"
      "<Point>1000,2000</Point><Point>2000,2000</Point><Point>2000,1000</Point></CodeLocation>"
      "</QRcodeInfo>");
  const auto r = cos::parse_upload_result(sdk);
  REQUIRE(r.has_value());
  REQUIRE(r->objects.size() == 1);
  const cos::processed_object& o = r->objects[0];
  CHECK(o.code_status == 1U);
  REQUIRE(o.qr_codes.size() == 2);
  CHECK(o.qr_codes[0] ==
        cos::qr_code_info{"xxxxxxxxxxxxx", {{{100, 100}, {100, 200}, {200, 200}, {200, 100}}}});
  CHECK(o.qr_codes[1].url.empty());
  CHECK(o.qr_codes[1].location[2] == cos::qr_point{2000, 2000});
  CHECK(r->original.image_info->ave == "0xa18454");

  // The documented sample's own spellings (codeStatus, codeUrl, codelocation, point).
  const auto legacy = cos::parse_upload_result(
      qr_upload("<codeStatus>1</codeStatus><QRcodeInfo><codeUrl>u</codeUrl><codelocation>"
                "<point>1,2</point><point>3,4</point><point>5,6</point><point>7,8</point>"
                "</codelocation></QRcodeInfo>"));
  REQUIRE(legacy.has_value());
  CHECK(legacy->objects[0].qr_codes.at(0) ==
        cos::qr_code_info{"u", {{{1, 2}, {3, 4}, {5, 6}, {7, 8}}}});

  // No code found.
  const auto none = cos::parse_upload_result(qr_upload("<CodeStatus>0</CodeStatus>"));
  REQUIRE(none.has_value());
  CHECK(none->objects[0].code_status == 0U);
  CHECK(none->objects[0].qr_codes.empty());
  // Other rules: no CodeStatus, nothing read.
  CHECK_FALSE(cos::parse_upload_result(qr_upload(""))->objects[0].code_status.has_value());

  const std::string base = qr_upload("");
  const std::size_t tail = base.find("</Object>");
  const auto code_of = [](const std::string& body) {
    const auto p = cos::parse_upload_result(body);
    REQUIRE_FALSE(p.has_value());
    return p.error().code;
  };
  CHECK(code_of(qr_upload("<CodeStatus>2</CodeStatus>")) == errc::value_out_of_range);
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><codeStatus>1</codeStatus>")) ==
        errc::duplicate_key);
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><QRcodeInfo><CodeUrl>u</CodeUrl>"
                          "</QRcodeInfo>")) == errc::missing_key);
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><QRcodeInfo><CodeLocation><Point>1,2</Point>"
                          "<Point>1,2</Point><Point>1,2</Point></CodeLocation></QRcodeInfo>")) ==
        errc::missing_key);
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><QRcodeInfo><CodeLocation><Point>1,2</Point>"
                          "<Point>1,2</Point><Point>1,2</Point><Point>1,2</Point><Point>1,2"
                          "</Point></CodeLocation></QRcodeInfo>")) == errc::unexpected_value);
  const std::string bad_point = qr_upload(
      "<CodeStatus>1</CodeStatus><QRcodeInfo><CodeLocation><Point>1;2</Point><Point>1,2</Point>"
      "<Point>1,2</Point><Point>1,2</Point></CodeLocation></QRcodeInfo>");
  const auto p = cos::parse_upload_result(bad_point);
  REQUIRE_FALSE(p.has_value());
  CHECK(p.error().code == errc::invalid_number);
  CHECK(p.error().offset == bad_point.find("1;2"));
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><QRcodeInfo><CodeLocation><Point>1,</Point>"
                          "<Point>1,2</Point><Point>1,2</Point><Point>1,2</Point></CodeLocation>"
                          "</QRcodeInfo>")) == errc::invalid_number);
  CHECK(code_of(qr_upload("<CodeStatus>1</CodeStatus><QRcodeInfo><CodeLocation><Point>1,-2</Point>"
                          "<Point>1,2</Point><Point>1,2</Point><Point>1,2</Point></CodeLocation>"
                          "</QRcodeInfo>")) == errc::invalid_number);
  (void)tail;
}
