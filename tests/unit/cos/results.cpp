// SPDX-License-Identifier: MIT
// Tests objproc/cos/results.hpp: the UploadResult XML of CI image processing and COS error
// responses, with every vector of responses.json embedded, and malformed, incomplete or
// oversized bodies refused with code and offset.
#include "objproc/cos/results.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

using namespace objproc;

namespace {

// responses.json "cos-upload-result-one-rule"
constexpr std::string_view one_rule =
    "<UploadResult>\n    <OriginalInfo>\n        <Key>local.jpg</Key>\n        "
    "<Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg</Location>\n       "
    " <ImageInfo>\n            <Format>JPEG</Format>\n            <Width>300</Width>\n            "
    "<Height>168</Height>\n            <Quality>74</Quality>\n            <Ave>0x1a3451</Ave>\n    "
    "        <Orientation>0</Orientation>\n        </ImageInfo>\n        "
    "<ETag>&quot;aff1b996bcc63a0f0259df0de2fa989f38c5ce7e&quot;</ETag>\n    </OriginalInfo>\n    "
    "<ProcessResults>\n        <Object>\n            <Key>format.png</Key>\n            "
    "<Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/format.png</Location>\n      "
    "      <Format>png</Format>\n            <Width>300</Width>\n            "
    "<Height>168</Height>\n            <Size>77063</Size>\n            <Quality>74</Quality>\n     "
    "       <ETag>&quot;a07dc5bcfa238e7d23d2d5884da4ac328aaaa9c6&quot;</ETag>\n        </Object>\n "
    "   </ProcessResults>\n</UploadResult>\n";
// responses.json "cos-upload-result-two-rules-no-info"
constexpr std::string_view two_rules =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><UploadResult><OriginalInfo><Key>dir/中文 "
    "a.jpg</Key><Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/中文 "
    "a.jpg</Location><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag></"
    "OriginalInfo><ProcessResults><Object><Key>thumbs/a.webp</"
    "Key><Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/thumbs/a.webp</"
    "Location><Format>webp</Format><Width>150</Width><Height>84</Height><Size>4096</"
    "Size><Quality>80</Quality><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag></"
    "Object><Object><Key>wm.jpg</"
    "Key><Location>otherbucket-1250000000.cos.ap-guangzhou.myqcloud.com/wm.jpg</"
    "Location><Format>jpg</Format><Width>300</Width><Height>168</Height><Size>20480</"
    "Size><Quality>90</Quality><ETag>&quot;92eb5ffee6ae2fec3ad71c777531578f&quot;</ETag></Object></"
    "ProcessResults></UploadResult>";
// responses.json "cos-error-signature"
constexpr std::string_view error_signature =
    "<?xml version='1.0' encoding='utf-8' "
    "?>\n<Error>\n\t<Code>SignatureDoesNotMatch</Code>\n\t<Message>The Signature you specified is "
    "invalid.</Message>\n\t<Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/"
    "local.jpg</Resource>\n\t<RequestId>NjQ0ZjdlNDRfMjRhMjNiMDlfMmE1OV8x****</"
    "RequestId>\n\t<TraceId>"
    "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBjYzE2Mj"
    "AxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0****</"
    "TraceId>\n\t<StringToSign>sha1\n1795248000;1795251600\n8a7d2c...\n</"
    "StringToSign>\n\t<FormatString>post\n/"
    "local.jpg\nimage_process=\ncontent-length=0&amp;host=examplebucket-1250000000.cos.ap-"
    "guangzhou.myqcloud.com\n</FormatString>\n</Error>";

template <class R>
void require_error(const R& r, errc code, std::size_t offset) {
  REQUIRE_FALSE(r.has_value());
  INFO(to_string(r.error()));
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
  CHECK_FALSE(r.error().detail.empty());
}

std::string object_xml(int i) {
  const std::string n = std::to_string(i);
  return "<Object><Key>o" + n + "</Key><Location>h/o" + n + "</Location><Format>png</Format>" +
         "<Width>1</Width><Height>2</Height><Size>3</Size><Quality>4</Quality>" + "<ETag>&quot;e" +
         n + "&quot;</ETag></Object>";
}

std::string upload_xml(int objects, std::string_view object_extra = {}) {
  std::string out =
      "<UploadResult><OriginalInfo><Key>k</Key><Location>h/k</Location><ETag>e</ETag>"
      "</OriginalInfo><ProcessResults>";
  for (int i = 0; i < objects; ++i) out += object_xml(i);
  out += object_extra;
  out += "</ProcessResults></UploadResult>";
  return out;
}

}  // namespace

TEST_CASE("cos results: UploadResult with image info and one rule", "[cos][results]") {
  const auto r = cos::parse_upload_result(one_rule);
  REQUIRE(r.has_value());
  CHECK(r->original.key == "local.jpg");
  CHECK(r->original.location == "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg");
  CHECK(r->original.etag == "\"aff1b996bcc63a0f0259df0de2fa989f38c5ce7e\"");
  REQUIRE(r->original.image_info.has_value());
  const cos::image_info& info = *r->original.image_info;
  CHECK(info.format == "JPEG");
  CHECK(info.width == 300);
  CHECK(info.height == 168);
  CHECK(info.quality == 74);
  CHECK(info.ave == "0x1a3451");
  CHECK(info.orientation == 0);
  REQUIRE(r->objects.size() == 1);
  const cos::processed_object& o = r->objects[0];
  CHECK(o.key == "format.png");
  CHECK(o.location == "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/format.png");
  CHECK(o.format == "png");
  CHECK(o.width == 300);
  CHECK(o.height == 168);
  CHECK(o.size == 77063);
  CHECK(o.quality == 74);
  CHECK(o.etag == "\"a07dc5bcfa238e7d23d2d5884da4ac328aaaa9c6\"");
}

TEST_CASE("cos results: UploadResult without image info, two rules", "[cos][results]") {
  const auto r = cos::parse_upload_result(two_rules);
  REQUIRE(r.has_value());
  CHECK(r->original.key == "dir/中文 a.jpg");
  CHECK(r->original.location ==
        "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/中文 a.jpg");
  CHECK(r->original.etag == "\"d41d8cd98f00b204e9800998ecf8427e\"");
  CHECK_FALSE(r->original.image_info.has_value());
  REQUIRE(r->objects.size() == 2);
  CHECK(r->objects[0].key == "thumbs/a.webp");
  CHECK(r->objects[1].key == "wm.jpg");
  CHECK(r->objects[0] == cos::processed_object{
                             "thumbs/a.webp",
                             "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/thumbs/a.webp",
                             "webp", 150, 84, 4096, 80, "\"0cc175b9c0f1b6a831c399e269772661\""});
  CHECK(r->objects[1] ==
        cos::processed_object{"wm.jpg",
                              "otherbucket-1250000000.cos.ap-guangzhou.myqcloud.com/wm.jpg", "jpg",
                              300, 168, 20480, 90, "\"92eb5ffee6ae2fec3ad71c777531578f\""});
}

TEST_CASE("cos results: zero to five processed objects", "[cos][results]") {
  for (int n = 0; n <= 5; ++n) {
    const auto r = cos::parse_upload_result(upload_xml(n));
    REQUIRE(r.has_value());
    REQUIRE(r->objects.size() == static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      // std::string(...) + ...: g++ 12 at -O2 warns falsely (-Wrestrict) on "literal" + string&&.
      const std::string digit = std::to_string(i);
      CHECK(r->objects[static_cast<std::size_t>(i)].key == std::string("o") + digit);
      CHECK(r->objects[static_cast<std::size_t>(i)].etag == std::string("\"e") + digit + "\"");
    }
  }
  const std::string six = upload_xml(6);
  require_error(cos::parse_upload_result(six), errc::too_many_rules, six.find("<Object><Key>o5"));
  const auto none = cos::parse_upload_result(
      "<UploadResult><OriginalInfo><Key>k</Key><Location>l</Location><ETag>e</ETag>"
      "</OriginalInfo></UploadResult>");
  REQUIRE(none.has_value());
  CHECK(none->objects.empty());
}

TEST_CASE("cos results: unknown elements are ignored, optional ones default", "[cos][results]") {
  const std::string body =
      upload_xml(0,
                 "<Object><Key>q</Key><Location>l</Location><ETag>e</ETag><WatermarkStatus>0"
                 "</WatermarkStatus><QRcodeInfo><CodeUrl>u</CodeUrl></QRcodeInfo></Object>");
  const auto r = cos::parse_upload_result(body);
  REQUIRE(r.has_value());
  REQUIRE(r->objects.size() == 1);
  CHECK(r->objects[0] == cos::processed_object{"q", "l", "", 0, 0, 0, 0, "e"});
}

TEST_CASE("cos results: malformed UploadResult bodies", "[cos][results]") {
  require_error(cos::parse_upload_result(""), errc::invalid_xml, 0);
  require_error(cos::parse_upload_result(one_rule.substr(0, 200)), errc::invalid_xml, 200);
  require_error(cos::parse_upload_result(error_signature), errc::wrong_type, 40);
  require_error(cos::parse_upload_result("<UploadResult></UploadResult>"), errc::missing_key, 0);
  require_error(cos::parse_upload_result("<UploadResult><OriginalInfo><Key>k</Key>"
                                         "<ETag>e</ETag></OriginalInfo></UploadResult>"),
                errc::missing_key, 14);
  require_error(cos::parse_upload_result("<UploadResult><OriginalInfo><Key>k</Key><Location>l"
                                         "</Location><ETag>&quot;e&quo;</ETag></OriginalInfo>"
                                         "</UploadResult>"),
                errc::invalid_xml, 75);
  require_error(cos::parse_upload_result("<UploadResult><OriginalInfo><Key>k</Key><Location>l"
                                         "</Location><ETag>e</ETag></OriginalInfo><OriginalInfo/>"
                                         "</UploadResult>"),
                errc::duplicate_key, 91);
  const std::string base =
      "<UploadResult><OriginalInfo><Key>k</Key><Location>l</Location><ETag>e</ETag>"
      "<ImageInfo><Format>PNG</Format><Width>";
  require_error(cos::parse_upload_result(base + "wide</Width><Height>1</Height></ImageInfo>"
                                                "</OriginalInfo></UploadResult>"),
                errc::invalid_number, base.size());
  require_error(cos::parse_upload_result(base + "-1</Width><Height>1</Height></ImageInfo>"
                                                "</OriginalInfo></UploadResult>"),
                errc::invalid_number, base.size());
  require_error(cos::parse_upload_result(base + "4294967296</Width><Height>1</Height></ImageInfo>"
                                                "</OriginalInfo></UploadResult>"),
                errc::value_out_of_range, base.size());
  require_error(cos::parse_upload_result(base + "1</Width></ImageInfo></OriginalInfo>"
                                                "</UploadResult>"),
                errc::missing_key, base.size() - 38);
  require_error(cos::parse_upload_result(upload_xml(1, "<Object><Key>x</Key></Object>")),
                errc::missing_key, upload_xml(1).find("</ProcessResults>"));
  require_error(cos::parse_upload_result("<!DOCTYPE UploadResult><UploadResult/>"),
                errc::invalid_xml, 0);
  require_error(cos::parse_upload_result("<UploadResult><OriginalInfo></UploadResult>"),
                errc::invalid_xml, 28);
}

TEST_CASE("cos results: error bodies", "[cos][results]") {
  const auto e = cos::parse_error(error_signature);
  REQUIRE(e.has_value());
  CHECK(e->code == "SignatureDoesNotMatch");
  CHECK(e->message == "The Signature you specified is invalid.");
  CHECK(e->resource == "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg");
  CHECK(e->request_id == "NjQ0ZjdlNDRfMjRhMjNiMDlfMmE1OV8x****");
  CHECK(
      e->trace_id ==
      "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBjYzE2"
      "MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0****");

  const auto minimal = cos::parse_error("<Error><Code>NoSuchKey</Code></Error>");
  REQUIRE(minimal.has_value());
  CHECK(*minimal == cos::service_error{"NoSuchKey", "", "", "", ""});

  require_error(cos::parse_error(error_signature.substr(0, 60)), errc::invalid_xml, 60);
  require_error(cos::parse_error("<Error><Message>m</Message></Error>"), errc::missing_key, 0);
  require_error(cos::parse_error(one_rule), errc::wrong_type, 0);
  require_error(cos::parse_error("<Error><Code>a</Code></Eror>"), errc::invalid_xml, 21);
  require_error(cos::parse_error("<Error><Code>&#xFFFF;</Code></Error>"), errc::invalid_xml, 13);
}
