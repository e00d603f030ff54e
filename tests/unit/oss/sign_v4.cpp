// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/oss/sign_v4.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/crypto/portable.hpp"

namespace {

namespace oss = objproc::oss;
namespace http = objproc::http;
using objproc::errc;
using std::chrono::seconds;

struct vector_case {
  std::string_view id;
  bool query_form = false;
  oss::credentials creds;
  std::int64_t time = 0;
  std::int64_t expires = 0;
  std::string_view region;
  std::string_view method;
  std::string_view bucket;
  std::string_view key;
  std::vector<http::query_field> query;
  std::vector<http::header_field> headers;
  std::vector<std::string_view> additional_headers;
  std::string_view canonical_request;
  std::string_view string_to_sign;
  std::string_view authorization;  // header form
  std::string_view signature;      // query form
  std::vector<std::pair<std::string_view, std::string_view>> added;
};

// Every oss-v4-* vector of tests/vectors/signing.json, from the vendors' own signing code.
const std::vector<vector_case>& vectors() {
  static const std::vector<vector_case> all = {
      {.id = "upstream-oss-v4-header-1",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1702743657,
       .expires = 0,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "text/plain"},
                   {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}},
       .additional_headers = {},
       .canonical_request = "PUT\n/bucket/1234%2B-/123/"
                            "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1="
                            "value1&param2\ncontent-type:text/"
                            "plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:"
                            "20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/"
           "aliyun_v4_request\nf4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=ak/20231216/cn-hangzhou/oss/"
                        "aliyun_v4_request,Signature="
                        "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
       .signature = "",
       .added = {{"x-oss-date", "20231216T162057Z"}, {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}}},
      {.id = "upstream-oss-v4-header-2-token",
       .query_form = false,
       .creds = {"ak", "sk", "token"},
       .time = 1702784856,
       .expires = 0,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "text/plain"},
                   {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}},
       .additional_headers = {},
       .canonical_request =
           "PUT\n/bucket/1234%2B-/123/"
           "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&"
           "param2\ncontent-type:text/"
           "plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231217T034736Z\nx-oss-head1:"
           "value\nx-oss-security-token:token\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231217T034736Z\n20231217/cn-hangzhou/oss/"
           "aliyun_v4_request\n69494678fb11579d4ee12996e2796d9e2ba43c34aa4c723c4aec018f3d6b86b8",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=ak/20231217/cn-hangzhou/oss/"
                        "aliyun_v4_request,Signature="
                        "b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea",
       .signature = "",
       .added = {{"x-oss-date", "20231217T034736Z"},
                 {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"},
                 {"x-oss-security-token", "token"}}},
      {.id = "upstream-oss-v4-header-3-additional",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1702747512,
       .expires = 0,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "text/plain"},
                   {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}},
       .additional_headers = {"ZAbc", "abc"},
       .canonical_request =
           "PUT\n/bucket/1234%2B-/123/"
           "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\nabc:"
           "value\ncontent-type:text/"
           "plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T172512Z\nx-oss-head1:"
           "value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231216T172512Z\n20231216/cn-hangzhou/oss/"
           "aliyun_v4_request\n16b86004ed2cc3406dd7a13081bd940ef6a5ad49e508da2d4fdf84e8a5dd2145",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=ak/20231216/cn-hangzhou/oss/"
                        "aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature="
                        "4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f",
       .signature = "",
       .added = {{"x-oss-date", "20231216T172512Z"}, {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}}},
      {.id = "upstream-oss-v4-query-1",
       .query_form = true,
       .creds = {"ak", "sk", ""},
       .time = 1702781677,
       .expires = 599,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "application/octet-stream"}},
       .additional_headers = {},
       .canonical_request =
           "PUT\n/bucket/1234%2B-/123/"
           "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2&x-"
           "oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date="
           "20231217T025437Z&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256\ncontent-"
           "type:application/octet-stream\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231217T025437Z\n20231217/cn-hangzhou/oss/"
           "aliyun_v4_request\n48814c11f278d51662015bf2f896b66ca10b6de0187ed8d952e341bbce0aa336",
       .authorization = "",
       .signature = "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe",
       .added = {{"x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"},
                 {"x-oss-date", "20231217T025437Z"},
                 {"x-oss-expires", "599"},
                 {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                 {"x-oss-signature",
                  "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe"}}},
      {.id = "upstream-oss-v4-query-2-token",
       .query_form = true,
       .creds = {"ak", "sk", "token"},
       .time = 1702785388,
       .expires = 599,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "application/octet-stream"}},
       .additional_headers = {},
       .canonical_request =
           "PUT\n/bucket/1234%2B-/123/"
           "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2&x-"
           "oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date="
           "20231217T035628Z&x-oss-expires=599&x-oss-security-token=token&x-oss-signature-version="
           "OSS4-HMAC-SHA256\ncontent-type:application/"
           "octet-stream\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231217T035628Z\n20231217/cn-hangzhou/oss/"
           "aliyun_v4_request\n458705026c021c95dd317d008cff79df19ce99bf2b241d1ecb20f4d65bb851a5",
       .authorization = "",
       .signature = "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5",
       .added = {{"x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"},
                 {"x-oss-date", "20231217T035628Z"},
                 {"x-oss-expires", "599"},
                 {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                 {"x-oss-security-token", "token"},
                 {"x-oss-signature",
                  "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5"}}},
      {.id = "upstream-oss-v4-query-3-additional",
       .query_form = true,
       .creds = {"ak", "sk", ""},
       .time = 1702783809,
       .expires = 599,
       .region = "cn-hangzhou",
       .method = "PUT",
       .bucket = "bucket",
       .key = "1234+-/123/1.txt",
       .query = {{"param1", "value1"},
                 {"+param1", "value3"},
                 {"|param1", "value4"},
                 {"+param2", std::nullopt},
                 {"|param2", std::nullopt},
                 {"param2", std::nullopt}},
       .headers = {{"x-oss-head1", "value"},
                   {"abc", "value"},
                   {"ZAbc", "value"},
                   {"XYZ", "value"},
                   {"content-type", "application/octet-stream"}},
       .additional_headers = {"ZAbc", "abc"},
       .canonical_request =
           "PUT\n/bucket/1234%2B-/123/"
           "1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2&x-"
           "oss-additional-headers=abc%3Bzabc&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%"
           "2Faliyun_v4_request&x-oss-date=20231217T033009Z&x-oss-expires=599&x-oss-signature-"
           "version=OSS4-HMAC-SHA256\nabc:value\ncontent-type:application/"
           "octet-stream\nx-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20231217T033009Z\n20231217/cn-hangzhou/oss/"
           "aliyun_v4_request\ne06541af14a8dc30dd12d3b75557af47f405e37784a76eae1a844c3426777df9",
       .authorization = "",
       .signature = "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7",
       .added = {{"x-oss-additional-headers", "abc;zabc"},
                 {"x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"},
                 {"x-oss-date", "20231217T033009Z"},
                 {"x-oss-expires", "599"},
                 {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                 {"x-oss-signature",
                  "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7"}}},
      {.id = "oss-v4-process-object-seed",
       .query_form = false,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 0,
       .region = "cn-hangzhou",
       .method = "POST",
       .bucket = "examplebucket",
       .key = "exampledir/example.jpg",
       .query = {{"x-oss-process", std::nullopt}},
       .headers = {{"content-type", "application/x-www-form-urlencoded"}},
       .additional_headers = {},
       .canonical_request =
           "POST\n/examplebucket/exampledir/example.jpg\nx-oss-process\ncontent-type:application/"
           "x-www-form-urlencoded\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:"
           "20261121T080000Z\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-hangzhou/oss/"
           "aliyun_v4_request\n8ec2a8c72a77a78c156dc6e4a978b9c5013e15f45be9995db7f6569202c7a56a",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/"
                        "aliyun_v4_request,Signature="
                        "3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff",
       .signature = "",
       .added = {{"x-oss-date", "20261121T080000Z"}, {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}}},
      {.id = "oss-v4-async-process-doc",
       .query_form = false,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 0,
       .region = "cn-hangzhou",
       .method = "POST",
       .bucket = "examplebucket",
       .key = "docs/example.docx",
       .query = {{"x-oss-async-process", std::nullopt}},
       .headers = {{"content-type", "application/x-www-form-urlencoded"}},
       .additional_headers = {},
       .canonical_request =
           "POST\n/examplebucket/docs/example.docx\nx-oss-async-process\ncontent-type:application/"
           "x-www-form-urlencoded\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:"
           "20261121T080000Z\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-hangzhou/oss/"
           "aliyun_v4_request\n6357d142c7793420a0b92932677318cd7d2a7b69143004c3e86b14ae19b0378d",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/"
                        "aliyun_v4_request,Signature="
                        "e73ec10d0269319d3197527b190c82a755deea9412590d61e67f1c293e4d75c8",
       .signature = "",
       .added = {{"x-oss-date", "20261121T080000Z"}, {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}}},
      {.id = "oss-v4-process-object-sts-unicode",
       .query_form = false,
       .creds = {"STS.ExampleAK", "ExampleSecretKey123", "CAIS+token/with=chars"},
       .time = 1795248000,
       .expires = 0,
       .region = "cn-shanghai",
       .method = "POST",
       .bucket = "examplebucket",
       .key = "照片/猫 cat+1 (2).jpg",
       .query = {{"x-oss-process", std::nullopt}},
       .headers = {{"content-type", "application/x-www-form-urlencoded"}},
       .additional_headers = {},
       .canonical_request =
           "POST\n/examplebucket/%E7%85%A7%E7%89%87/"
           "%E7%8C%AB%20cat%2B1%20%282%29.jpg\nx-oss-process\ncontent-type:application/"
           "x-www-form-urlencoded\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:"
           "20261121T080000Z\nx-oss-security-token:CAIS+token/with=chars\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-shanghai/oss/"
           "aliyun_v4_request\n0c894bdb814fcd0b11c44259356e450272e2af4a5129f1b59cb62f6c6ed37935",
       .authorization = "OSS4-HMAC-SHA256 "
                        "Credential=STS.ExampleAK/20261121/cn-shanghai/oss/"
                        "aliyun_v4_request,Signature="
                        "447975f8d865a4a1e2972965af88ba377051a3b9ff7a38f346c88407b847c0e2",
       .signature = "",
       .added = {{"x-oss-date", "20261121T080000Z"},
                 {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"},
                 {"x-oss-security-token", "CAIS+token/with=chars"}}},
      {.id = "oss-v4-presign-get-process",
       .query_form = true,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 3600,
       .region = "cn-hangzhou",
       .method = "GET",
       .bucket = "examplebucket",
       .key = "photos/猫 cat+1.jpg",
       .query = {{"x-oss-process", "image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"}},
       .headers = {},
       .additional_headers = {},
       .canonical_request =
           "GET\n/examplebucket/photos/"
           "%E7%8C%AB%20cat%2B1.jpg\nx-oss-credential=LTAI5tExampleAK%2F20261121%2Fcn-hangzhou%"
           "2Foss%2Faliyun_v4_request&x-oss-date=20261121T080000Z&x-oss-expires=3600&x-oss-process="
           "image%2Fresize%2Cm_fill%2Cw_200%2Ch_200%2Fquality%2Cq_80%2Fformat%2Cwebp&x-oss-"
           "signature-version=OSS4-HMAC-SHA256\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-hangzhou/oss/"
           "aliyun_v4_request\n0402198492b7e6d1b71052eceeda6640d9d797f8b0bb6f09c88e210d576a4279",
       .authorization = "",
       .signature = "e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e84",
       .added = {{"x-oss-credential", "LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request"},
                 {"x-oss-date", "20261121T080000Z"},
                 {"x-oss-expires", "3600"},
                 {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                 {"x-oss-signature",
                  "e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e84"}}},
      {.id = "oss-v4-presign-get-process-sts",
       .query_form = true,
       .creds = {"STS.ExampleAK", "ExampleSecretKey123", "CAIS+token/with=chars"},
       .time = 1795248000,
       .expires = 600,
       .region = "cn-beijing",
       .method = "GET",
       .bucket = "examplebucket",
       .key = "a/b/c.png",
       .query = {{"x-oss-process", "image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30"}},
       .headers = {},
       .additional_headers = {},
       .canonical_request =
           "GET\n/examplebucket/a/b/"
           "c.png\nx-oss-credential=STS.ExampleAK%2F20261121%2Fcn-beijing%2Foss%2Faliyun_v4_"
           "request&x-oss-date=20261121T080000Z&x-oss-expires=600&x-oss-process=image%2Fwatermark%"
           "2Ctext_SGVsbG8gV29ybGQ%2Ccolor_FFFFFF%2Csize_30&x-oss-security-token=CAIS%2Btoken%"
           "2Fwith%3Dchars&x-oss-signature-version=OSS4-HMAC-SHA256\n\n\nUNSIGNED-PAYLOAD",
       .string_to_sign =
           "OSS4-HMAC-SHA256\n20261121T080000Z\n20261121/cn-beijing/oss/"
           "aliyun_v4_request\n7502326568035ec7e89eae6a84a34bdf39ec5df5c27f31e073c1e7146dad0929",
       .authorization = "",
       .signature = "87bbc8aa51147e866a1a93b09005ef846d70ed9c9aa5380954924bd3ad998d88",
       .added = {{"x-oss-credential", "STS.ExampleAK/20261121/cn-beijing/oss/aliyun_v4_request"},
                 {"x-oss-date", "20261121T080000Z"},
                 {"x-oss-expires", "600"},
                 {"x-oss-signature-version", "OSS4-HMAC-SHA256"},
                 {"x-oss-security-token", "CAIS+token/with=chars"},
                 {"x-oss-signature",
                  "87bbc8aa51147e866a1a93b09005ef846d70ed9c9aa5380954924bd3ad998d88"}}},
  };
  return all;
}

std::chrono::sys_seconds at(std::int64_t t) { return std::chrono::sys_seconds{seconds{t}}; }

oss::signing_input input_of(const vector_case& v) {
  return {
      .method = v.method, .bucket = v.bucket, .key = v.key, .query = v.query, .headers = v.headers};
}

oss::v4_options options_of(const vector_case& v, std::string_view product = "oss") {
  return {.additional_headers = v.additional_headers, .product = product};
}

template <class List>
std::vector<std::pair<std::string, std::string>> pairs(const List& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : list) {
    if constexpr (requires { f.name; })
      out.emplace_back(std::string(f.name), f.value);
    else
      out.emplace_back(std::string(f.key), f.value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> pairs_of(
    const std::vector<std::pair<std::string_view, std::string_view>>& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : list) out.emplace_back(std::string(k), std::string(v));
  return out;
}

const objproc::crypto::portable portable{};

void check_header_vector(const vector_case& v) {
  auto s = oss::detail::sign_v4_header(input_of(v), v.creds, v.region, at(v.time), portable,
                                       options_of(v));
  REQUIRE(s.has_value());
  CHECK(s->canonical_request == v.canonical_request);
  CHECK(s->string_to_sign == v.string_to_sign);
  auto expected = pairs_of(v.added);
  expected.emplace_back("Authorization", std::string(v.authorization));
  CHECK(pairs(s->headers) == expected);
  CHECK(v.authorization.ends_with(s->signature.view()));
}

void check_query_vector(const vector_case& v) {
  auto s = oss::detail::sign_v4_query(input_of(v), v.creds, v.region, at(v.time),
                                      seconds{v.expires}, portable, options_of(v));
  REQUIRE(s.has_value());
  CHECK(s->canonical_request == v.canonical_request);
  CHECK(s->string_to_sign == v.string_to_sign);
  CHECK(s->signature == v.signature);
  CHECK(pairs(s->query) == pairs_of(v.added));
}

TEST_CASE("oss v4: every signing.json vector, byte for byte", "[oss][sign_v4]") {
  std::size_t header_count = 0, query_count = 0;
  for (const vector_case& v : vectors()) {
    INFO(v.id);
    if (v.query_form) {
      check_query_vector(v);
      ++query_count;
    } else {
      check_header_vector(v);
      ++header_count;
    }
  }
  CHECK(header_count == 6);
  CHECK(query_count == 5);
}

TEST_CASE("oss v4: a cached signing key signs like a fresh one", "[oss][sign_v4]") {
  for (const vector_case& v : vectors()) {
    INFO(v.id);
    auto key = oss::v4_signing_key::derive(v.creds, at(v.time), v.region, portable);
    REQUIRE(key.has_value());
    CHECK(key->matches(at(v.time), v.region));
    CHECK(key->region() == v.region);
    CHECK(key->product() == "oss");
    CHECK(v.string_to_sign.find(key->scope()) != std::string_view::npos);
    if (v.query_form) {
      auto a = oss::detail::sign_v4_query(input_of(v), v.creds, *key, at(v.time),
                                          seconds{v.expires}, portable, options_of(v));
      REQUIRE(a.has_value());
      CHECK(a->signature == v.signature);
    } else {
      auto a = oss::detail::sign_v4_header(input_of(v), v.creds, *key, at(v.time), portable,
                                           options_of(v));
      REQUIRE(a.has_value());
      CHECK(a->headers[a->headers.size() - 1].value == v.authorization);
    }
  }
  const vector_case& v = vectors().front();
  auto key = oss::v4_signing_key::derive(v.creds, at(v.time), v.region, portable);
  REQUIRE(key.has_value());
  CHECK_FALSE(key->matches(at(v.time + 86400), v.region));
  CHECK_FALSE(key->matches(at(v.time), "cn-shanghai"));
  CHECK_FALSE(key->matches(at(v.time), v.region, "oss-cloudbox"));
  auto next_day =
      oss::detail::sign_v4_header(input_of(v), v.creds, *key, at(v.time + 86400), portable);
  REQUIRE_FALSE(next_day.has_value());
  CHECK(next_day.error().code == errc::signing_key_mismatch);
  auto other_product = oss::detail::sign_v4_header(input_of(v), v.creds, *key, at(v.time), portable,
                                                   {.product = "oss-cloudbox"});
  REQUIRE_FALSE(other_product.has_value());
  CHECK(other_product.error().code == errc::signing_key_mismatch);
}

// matches() compares days since the epoch and the checked signers take x-oss-date's day from the
// key: both must agree with the calendar at the edges of a day, before 1970 included.
TEST_CASE("oss v4: a key matches every second of its day and no other", "[oss][sign_v4]") {
  const vector_case& v = vectors().front();
  const auto day_start = std::chrono::floor<std::chrono::days>(at(v.time));
  auto key = oss::v4_signing_key::derive(v.creds, at(v.time), v.region, portable);
  REQUIRE(key.has_value());
  for (const auto t : {std::chrono::sys_seconds(day_start), day_start + seconds{45296},
                       day_start + seconds{86399}}) {
    INFO(t.time_since_epoch().count());
    CHECK(key->matches(t, v.region));
    auto cached =
        oss::detail::sign_v4_header(input_of(v), v.creds, *key, t, portable, options_of(v));
    auto fresh =
        oss::detail::sign_v4_header(input_of(v), v.creds, v.region, t, portable, options_of(v));
    REQUIRE(cached.has_value());
    REQUIRE(fresh.has_value());
    CHECK(cached->headers[0].value == objproc::format_iso8601_basic(t)->view());
    CHECK(cached->signature == fresh->signature);
  }
  CHECK_FALSE(key->matches(day_start - seconds{1}, v.region));
  CHECK_FALSE(key->matches(day_start + seconds{86400}, v.region));

  const std::chrono::sys_seconds before_epoch{seconds{-1}};  // 1969-12-31T23:59:59Z
  auto old = oss::v4_signing_key::derive(v.creds, before_epoch, v.region, portable);
  REQUIRE(old.has_value());
  CHECK(old->date() == "19691231");
  CHECK(old->matches(std::chrono::sys_seconds{seconds{-86400}}, v.region));
  CHECK_FALSE(old->matches(std::chrono::sys_seconds{seconds{0}}, v.region));
  auto s = oss::detail::sign_v4_header(input_of(v), v.creds, *old, before_epoch, portable,
                                       options_of(v));
  REQUIRE(s.has_value());
  CHECK(s->headers[0].value == "19691231T235959Z");
}

// oss.md §3.3 case 4 and §3.4 case 4 (Go TestV4AuthHeader/QueryCloudBox): product oss-cloudbox.
TEST_CASE("oss v4: CloudBox product", "[oss][sign_v4]") {
  const vector_case& h = vectors()[0];  // upstream-oss-v4-header-1
  auto s = oss::detail::sign_v4_header(input_of(h), h.creds, "cb-123", at(1702743657), portable,
                                       options_of(h, "oss-cloudbox"));
  REQUIRE(s.has_value());
  CHECK(s->headers[2].value ==
        "OSS4-HMAC-SHA256 Credential=ak/20231216/cb-123/oss-cloudbox/aliyun_v4_request,"
        "Signature=94ce1f12c17d148ea681030275a94449d3357f5b5b21133996eec80af3e08a43");

  const vector_case& q = vectors()[5];  // upstream-oss-v4-query-3-additional
  REQUIRE(q.id == "upstream-oss-v4-query-3-additional");
  auto a = oss::detail::sign_v4_query(input_of(q), q.creds, "cb-123", at(1702781677), seconds{599},
                                      portable, options_of(q, "oss-cloudbox"));
  REQUIRE(a.has_value());
  CHECK(a->signature == "07284191b9b4978ac3520cd39ee2dea2747eda454089359371ff463a6c7ba20f");
  auto b = oss::detail::sign_v4_query(input_of(q), q.creds, "cb-123", at(1702783809), seconds{599},
                                      portable, options_of(q, "oss-cloudbox"));
  REQUIRE(b.has_value());
  CHECK(b->signature == "16782cc8a7a554523db055eb804b508522e7e370073108ad88ee2f47496701dd");
}

TEST_CASE("oss v4: additional headers ignore default-signed and absent names", "[oss][sign_v4]") {
  const vector_case& v = vectors()[2];  // upstream-oss-v4-header-3-additional
  REQUIRE(v.id == "upstream-oss-v4-header-3-additional");
  const std::vector<std::string_view> noisy = {"x-oss-no-exist", "ZAbc", "x-oss-head1", "abc",
                                               "ABC"};
  auto s = oss::detail::sign_v4_header(input_of(v), v.creds, v.region, at(v.time), portable,
                                       {.additional_headers = noisy});
  REQUIRE(s.has_value());
  CHECK(s->canonical_request == v.canonical_request);
  CHECK(s->headers[2].value == v.authorization);
}

// oss.md §3.3 case 5 (C++ v2 AuthHeaderComplex): the caller's x-oss-date is replaced.
TEST_CASE("oss v4: a caller's x-oss-date is replaced by the signer's", "[oss][sign_v4]") {
  const vector_case& v = vectors()[0];
  std::vector<http::header_field> headers = v.headers;
  headers.push_back({"x-oss-date", "20250814T080624Z"});
  oss::signing_input in = input_of(v);
  in.headers = headers;
  auto s = oss::detail::sign_v4_header(in, v.creds, v.region, at(v.time), portable);
  REQUIRE(s.has_value());
  CHECK(s->canonical_request == v.canonical_request);
  CHECK(s->headers[3 - 1].value == v.authorization);
}

TEST_CASE("oss v4: signing twice gives the same bytes", "[oss][sign_v4]") {
  for (const vector_case& v : vectors()) {
    INFO(v.id);
    if (v.query_form) {
      auto a = oss::detail::sign_v4_query(input_of(v), v.creds, v.region, at(v.time),
                                          seconds{v.expires}, portable, options_of(v));
      auto b = oss::detail::sign_v4_query(input_of(v), v.creds, v.region, at(v.time),
                                          seconds{v.expires}, portable, options_of(v));
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      CHECK(a->canonical_request == b->canonical_request);
      CHECK(a->string_to_sign == b->string_to_sign);
      CHECK(a->query == b->query);
    } else {
      auto a = oss::detail::sign_v4_header(input_of(v), v.creds, v.region, at(v.time), portable,
                                           options_of(v));
      auto b = oss::detail::sign_v4_header(input_of(v), v.creds, v.region, at(v.time), portable,
                                           options_of(v));
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      CHECK(a->canonical_request == b->canonical_request);
      CHECK(a->string_to_sign == b->string_to_sign);
      CHECK(a->headers == b->headers);
    }
  }
}

TEST_CASE("oss v4: the secret appears in no output", "[oss][sign_v4]") {
  const oss::credentials creds{"AKID", "SecretMustNotLeak", "tok"};
  const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = "k"};
  auto h = oss::detail::sign_v4_header(in, creds, "cn-hangzhou", at(1702743657), portable);
  auto q =
      oss::detail::sign_v4_query(in, creds, "cn-hangzhou", at(1702743657), seconds{60}, portable);
  REQUIRE(h.has_value());
  REQUIRE(q.has_value());
  CHECK(h->canonical_request.find("SecretMustNotLeak") == std::string::npos);
  CHECK(h->string_to_sign.find("SecretMustNotLeak") == std::string::npos);
  for (const auto& f : h->headers) CHECK(f.value.find("SecretMustNotLeak") == std::string::npos);
  CHECK(q->canonical_request.find("SecretMustNotLeak") == std::string::npos);
  for (const auto& f : q->query) CHECK(f.value.find("SecretMustNotLeak") == std::string::npos);
}

// An independent RFC 3986 encoder: unreserved bytes kept, '/' kept, the rest %XX uppercase.
std::string reference_path_encoding(std::string_view s) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += digits[u >> 4];
      out += digits[u & 0xF];
    }
  }
  return out;
}

TEST_CASE("oss v4: random keys with unicode, spaces and reserved characters", "[oss][sign_v4]") {
  const std::vector<std::string_view> pieces = {"a",
                                                "Z",
                                                "0",
                                                "-",
                                                "_",
                                                ".",
                                                "~",
                                                " ",
                                                "/",
                                                "!",
                                                "#",
                                                "$",
                                                "&",
                                                "'",
                                                "(",
                                                ")",
                                                "*",
                                                "+",
                                                ",",
                                                ";",
                                                "=",
                                                ":",
                                                "@",
                                                "?",
                                                "[",
                                                "]",
                                                "%",
                                                "\"",
                                                "<",
                                                ">",
                                                "\\",
                                                "^",
                                                "`",
                                                "{",
                                                "|",
                                                "}",
                                                "\t",
                                                "\xC3\xA9",
                                                "\xE7\x8C\xAB",
                                                "\xE7\x85\xA7\xE7\x89\x87",
                                                "\xF0\x9F\x98\x80"};
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  const oss::credentials creds{"ak", "sk", ""};
  for (int round = 0; round < 500; ++round) {
    std::string key = "k";  // never starts with '/' or '\'
    for (int i = length(rng); i > 0; --i) key += pieces[pick(rng)];
    INFO(key);
    const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = key};
    auto s = oss::detail::sign_v4_header(in, creds, "cn-hangzhou", at(1702743657), portable);
    REQUIRE(s.has_value());
    const std::string expected_uri = "/bucket/" + reference_path_encoding(key);
    CHECK(s->canonical_request.starts_with("GET\n" + expected_uri + "\n\n"));
    auto q =
        oss::detail::sign_v4_query(in, creds, "cn-hangzhou", at(1702743657), seconds{60}, portable);
    REQUIRE(q.has_value());
    CHECK(q->canonical_request.starts_with("GET\n" + expected_uri + "\n"));
  }
}

TEST_CASE("oss v4: bucket-less and key-less requests", "[oss][sign_v4]") {
  const oss::credentials creds{"ak", "sk", ""};
  auto service = oss::detail::sign_v4_header({.method = "GET"}, creds, "cn-hangzhou",
                                             at(1702743657), portable);
  REQUIRE(service.has_value());
  CHECK(service->canonical_request.starts_with("GET\n/\n\n"));
  auto bucket = oss::detail::sign_v4_header({.method = "GET", .bucket = "bucket"}, creds,
                                            "cn-hangzhou", at(1702743657), portable);
  REQUIRE(bucket.has_value());
  CHECK(bucket->canonical_request.starts_with("GET\n/bucket/\n\n"));
}

TEST_CASE("oss v4: bad input, each with its errc", "[oss][sign_v4]") {
  const oss::credentials good{"ak", "sk", ""};
  const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = "k"};
  const auto t = at(1702743657);
  const auto code = [](const auto& r) { return r.has_value() ? errc::none : r.error().code; };
  const auto header = [&](const oss::signing_input& i, const oss::credentials& c,
                          std::string_view region = "cn-hangzhou") {
    return code(oss::detail::sign_v4_header(i, c, region, t, portable));
  };

  CHECK(header(in, {"", "sk", ""}) == errc::missing_credentials);
  CHECK(header(in, {"ak", "", ""}) == errc::missing_credentials);
  CHECK(header(in, {"a/k", "sk", ""}) == errc::invalid_credentials);
  CHECK(header(in, {"a k", "sk", ""}) == errc::invalid_credentials);
  CHECK(header(in, {"ak", "sk", "tok\r\nx-evil: 1"}) == errc::invalid_header_value);
  // Past the first eight bytes too (the checks test eight at a time), and in each field.
  CHECK(header(in, {"LTAI5tExampleA\x7f", "sk", ""}) == errc::invalid_credentials);
  CHECK(header(in, {"LTAI5tExampleAK", "ExampleSecretKey\t23", ""}) == errc::invalid_credentials);
  CHECK(header(in, {"LTAI5tExampleAK", "ExampleSecretKey123\x1f", ""}) ==
        errc::invalid_credentials);
  CHECK(header(in, {"ak", "sk", "0123456789abcdef\x7f"}) == errc::invalid_credentials);
  CHECK(header(in, {"ak", "sk", "0123456789abcdef\n"}) == errc::invalid_header_value);
  CHECK(header(in, {"LTAI5tExampleAK", "ExampleSecretKey123", "0123456789abcdef"}) == errc::none);
  CHECK(header(in, good, "") == errc::invalid_region);
  CHECK(header(in, good, "CN-Hangzhou") == errc::invalid_region);
  CHECK(header(in, good, "cn_hangzhou") == errc::invalid_region);
  CHECK(code(oss::detail::sign_v4_header(in, good, "cn-hangzhou", t, portable, {.product = ""})) ==
        errc::invalid_region);

  CHECK(header({.method = "", .bucket = "bucket", .key = "k"}, good) == errc::invalid_argument);
  CHECK(header({.method = "get", .bucket = "bucket", .key = "k"}, good) == errc::invalid_argument);
  CHECK(header({.method = "GET", .bucket = "Bad_Bucket", .key = "k"}, good) ==
        errc::invalid_bucket_name);
  CHECK(header({.method = "GET", .bucket = "", .key = "k"}, good) == errc::invalid_argument);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "/k"}, good) ==
        errc::invalid_object_key);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "a\nb"}, good) ==
        errc::invalid_object_key);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = std::string_view("a\0b", 3)}, good) ==
        errc::invalid_object_key);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "\xFF"}, good) ==
        errc::invalid_object_key);

  const std::vector<http::header_field> crlf = {{"x-oss-meta-a", "ok\r\nInjected: yes"}};
  auto r = oss::detail::sign_v4_header(
      {.method = "GET", .bucket = "bucket", .key = "k", .headers = crlf}, good, "cn-hangzhou", t,
      portable);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::invalid_header_value);
  CHECK(r.error().offset == 2);
  const std::vector<http::header_field> bad_name = {{"x oss", "v"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "k", .headers = bad_name}, good) ==
        errc::invalid_header_name);
  const std::vector<http::query_field> empty_key = {{"", "v"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "k", .query = empty_key}, good) ==
        errc::invalid_query_parameter);
  const std::vector<std::string_view> bad_additional = {"a:b"};
  CHECK(code(oss::detail::sign_v4_header(in, good, "cn-hangzhou", t, portable,
                                         {.additional_headers = bad_additional})) ==
        errc::invalid_header_name);

  CHECK(code(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{0}, portable)) ==
        errc::value_out_of_range);
  CHECK(code(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{-5}, portable)) ==
        errc::value_out_of_range);
  CHECK(code(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{604801}, portable)) ==
        errc::value_out_of_range);
  CHECK(code(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{1}, portable)) ==
        errc::none);
  CHECK(code(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{604800}, portable)) ==
        errc::none);
  CHECK(code(oss::detail::sign_v4_query(in, {"", "sk", ""}, "cn-hangzhou", t, seconds{60},
                                        portable)) == errc::missing_credentials);
  CHECK(code(oss::v4_signing_key::derive({"ak", "", ""}, t, "cn-hangzhou", portable)) ==
        errc::missing_credentials);
  CHECK(code(oss::v4_signing_key::derive(good, t, "", portable)) == errc::invalid_region);
}

TEST_CASE("oss v4: presigned query replaces the signer's own parameters", "[oss][sign_v4]") {
  const oss::credentials creds{"ak", "sk", ""};
  const std::vector<http::query_field> q = {{"x-oss-process", "image/resize,w_100"},
                                            {"x-oss-signature", "stale"},
                                            {"x-oss-expires", "1"}};
  const std::vector<http::query_field> clean = {{"x-oss-process", "image/resize,w_100"}};
  auto a =
      oss::detail::sign_v4_query({.method = "GET", .bucket = "bucket", .key = "k", .query = q},
                                 creds, "cn-hangzhou", at(1702743657), seconds{3600}, portable);
  auto b =
      oss::detail::sign_v4_query({.method = "GET", .bucket = "bucket", .key = "k", .query = clean},
                                 creds, "cn-hangzhou", at(1702743657), seconds{3600}, portable);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->canonical_request == b->canonical_request);
  CHECK(a->signature == b->signature);
}

TEST_CASE("oss v4: each refusal names the input it belongs to", "[oss][sign_v4]") {
  const oss::credentials good{"ak", "sk", ""};
  const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = "k"};
  const auto t = at(1702743657);
  const auto field = [](const auto& r) {
    REQUIRE_FALSE(r.has_value());
    return r.error().field;
  };
  const auto header = [&](const oss::signing_input& i, const oss::credentials& c,
                          std::string_view region = "cn-hangzhou") {
    return field(oss::detail::sign_v4_header(i, c, region, t, portable));
  };
  CHECK(header(in, {"", "sk", ""}) == "access_key_id");
  CHECK(header(in, {"a k", "sk", ""}) == "access_key_id");
  CHECK(header(in, {"ak", "", ""}) == "access_key_secret");
  CHECK(header(in, {"ak", "sk", "tok\r\nx-evil: 1"}) == "security_token");
  CHECK(header(in, good, "cn_hangzhou") == "region");
  CHECK(field(oss::detail::sign_v4_header(in, good, "cn-hangzhou", t, portable, {.product = ""})) ==
        "product");
  CHECK(header({.method = "get", .bucket = "bucket", .key = "k"}, good) == "method");
  CHECK(header({.method = "GET", .bucket = "Bad_Bucket", .key = "k"}, good) == "bucket");
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "a\nb"}, good) == "key");
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "\xFF"}, good) == "key");
  const std::vector<http::header_field> bad_name = {{"x oss", "v"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "k", .headers = bad_name}, good) ==
        "headers");
  const std::vector<http::query_field> empty_key = {{"", "v"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "k", .query = empty_key}, good) ==
        "query");
  const std::vector<std::string_view> bad_additional = {"a:b"};
  CHECK(field(oss::detail::sign_v4_header(in, good, "cn-hangzhou", t, portable,
                                  {.additional_headers = bad_additional})) ==
        "additional_headers");
  CHECK(field(oss::detail::sign_v4_query(in, good, "cn-hangzhou", t, seconds{604801}, portable)) ==
        "expires");
  CHECK(field(oss::v4_signing_key::derive(good, t, "", portable)) == "region");
  CHECK(field(oss::v4_signing_key::derive({"ak", std::string(300, 's'), ""}, t, "cn-hangzhou",
                                          portable)) == "access_key_secret");
  CHECK(field(oss::v4_signing_key::derive(good, at(-70000000000), "cn-hangzhou", portable)) ==
        "time");
}

}  // namespace
