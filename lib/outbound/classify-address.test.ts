import { describe, expect, it } from "vitest";
import { classifyAddress, type AddressClass } from "./classify-address";

// What an attacker would put in a sandbox URL, a DNS answer or an artifact URL, and what it must be taken for.
const TABLE: Array<[string, AddressClass]> = [
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["10.0.0.1", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["169.254.169.254", "link-local"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["255.255.255.255", "broadcast"],
  ["240.0.0.1", "reserved"],
  ["192.0.0.8", "reserved"],
  ["198.18.0.1", "reserved"],
  ["192.0.2.10", "documentation"],
  ["203.0.113.5", "documentation"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["[::ffff:7f00:1]", "loopback"],
  ["::ffff:169.254.169.254", "link-local"],
  ["::ffff:a9fe:a9fe", "link-local"],
  ["::ffff:10.1.2.3", "private"],
  ["::ffff:0.0.0.0", "unspecified"],
  ["::127.0.0.1", "reserved"],
  ["64:ff9b::7f00:1", "loopback"],
  ["64:ff9b::a9fe:a9fe", "link-local"],
  ["2002:7f00:1::", "loopback"],
  ["2002:a9fe:a9fe::1", "link-local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["febf::1", "link-local"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["fec0::1", "private"],
  ["ff02::1", "multicast"],
  ["2001:db8::1", "documentation"],
  ["2001::1", "reserved"],
  ["100::1", "reserved"],
  // IPv4-translated (SIIT, ::ffff:0:0/96), local-use NAT64, Teredo and 0/8: never taken for public.
  ["::ffff:0:7f00:1", "reserved"],
  ["::ffff:0:127.0.0.1", "reserved"],
  ["64:ff9b:1::7f00:1", "private"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
  ["0.1.2.3", "unspecified"],
  ["FE80::1", "link-local"],
  ["::ffff:8.8.8.8", "public"],
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["172.32.0.1", "public"],
  ["100.128.0.1", "public"],
  ["169.255.0.1", "public"],
  ["2606:4700:4700::1111", "public"],
  ["2a00:1450:4001:80b::200e", "public"],
  ["64:ff9b::808:808", "public"],
  ["localhost", "not-an-address"],
  ["2130706433", "not-an-address"],
  ["0x7f.0.0.1", "not-an-address"],
  ["127.1", "not-an-address"],
  ["", "not-an-address"],
];

describe("classifyAddress", () => {
  it.each(TABLE)("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it("sees through the decimal, hex and short IPv4 forms once WHATWG URL has normalised them", () => {
    for (const url of [
      "http://2130706433/",
      "http://0x7f000001/",
      "http://0x7f.0.0.1/",
      "http://127.1/",
      "http://0177.0.0.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://[0:0:0:0:0:ffff:7f00:1]/",
    ]) {
      expect(classifyAddress(new URL(url).hostname), url).toBe("loopback");
    }
    expect(classifyAddress(new URL("http://2852039166/").hostname)).toBe("link-local"); // 169.254.169.254
    expect(classifyAddress(new URL("http://0/").hostname)).toBe("unspecified");
    expect(classifyAddress(new URL("http://[::]/").hostname)).toBe("unspecified");
  });
});
