// What kind of network an IP address is on, so that the outbound guard sends requests only to the public internet
// (unless the origin is one of the deployment's allowed sandboxes). Covers the IANA special-purpose registries for
// IPv4 and IPv6, and the IPv6 forms that carry an IPv4 address inside them (mapped ::ffff:a.b.c.d, NAT64
// 64:ff9b::/96, 6to4 2002::/16), which are judged by the IPv4 address they carry: ::ffff:127.0.0.1 is loopback.
import net from "node:net";

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "cgnat"
  | "multicast"
  | "broadcast"
  | "documentation"
  | "reserved"
  | "not-an-address";

/** A phrase for messages: "a loopback address". */
export const ADDRESS_CLASS_WORDS: Record<AddressClass, string> = {
  public: "a public address",
  unspecified: "an unspecified address (0.0.0.0 or ::)",
  loopback: "a loopback address",
  private: "a private network address",
  "link-local": "a link-local address",
  "unique-local": "a unique local IPv6 address",
  cgnat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  documentation: "an address reserved for documentation",
  reserved: "a reserved address",
  "not-an-address": "something that is not an IP address",
};

type Range = [first: number, prefixLength: number, kind: AddressClass];

// Each range as [network as a 32-bit number, prefix length]; the first match wins, so narrower ranges come first.
const IPV4_RANGES: Range[] = [
  [ip4("255.255.255.255"), 32, "broadcast"],
  [ip4("0.0.0.0"), 8, "unspecified"],
  [ip4("10.0.0.0"), 8, "private"],
  [ip4("100.64.0.0"), 10, "cgnat"],
  [ip4("127.0.0.0"), 8, "loopback"],
  [ip4("169.254.0.0"), 16, "link-local"],
  [ip4("172.16.0.0"), 12, "private"],
  [ip4("192.0.0.0"), 24, "reserved"],
  [ip4("192.0.2.0"), 24, "documentation"],
  [ip4("192.88.99.0"), 24, "reserved"],
  [ip4("192.168.0.0"), 16, "private"],
  [ip4("198.18.0.0"), 15, "reserved"],
  [ip4("198.51.100.0"), 24, "documentation"],
  [ip4("203.0.113.0"), 24, "documentation"],
  [ip4("224.0.0.0"), 4, "multicast"],
  [ip4("240.0.0.0"), 4, "reserved"],
];

function ip4(text: string): number {
  return text.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

function classifyIPv4(value: number): AddressClass {
  for (const [first, prefix, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (value >= first && value < first + size) return kind;
  }
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (already validated by net.isIPv6). */
function ipv6Groups(text: string): number[] {
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [parseInt(group, 16)];
          const v4 = ip4(group);
          return [Math.floor(v4 / 65536), v4 % 65536];
        });
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function classifyIPv6(groups: number[]): AddressClass {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = (high: number, low: number) => classifyIPv4(high * 65536 + low);
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroUpTo(7) && g7 === 0) return "unspecified";
  if (zeroUpTo(7) && g7 === 1) return "loopback";
  if (zeroUpTo(5) && g5 === 0xffff) return embedded(g6, g7); // IPv4-mapped
  if (zeroUpTo(6)) return "reserved"; // IPv4-compatible (deprecated) and the rest of ::/96
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return embedded(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private"; // local-use NAT64
  if (g0 === 0x2001 && g1 === 0xdb8) return "documentation";
  if (g0 === 0x2001 && g1 < 0x200) return "reserved"; // IETF protocol assignments, Teredo included
  if (g0 === 0x2002) return embedded(g1, g2); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return "unique-local";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xffc0) === 0xfec0) return "private"; // site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  if ((g0 & 0xe000) === 0x2000) return "public"; // global unicast 2000::/3
  return "reserved";
}

/** Classifies an IPv4 or IPv6 address; IPv6 may come in brackets and with a zone (fe80::1%eth0). */
export function classifyAddress(input: string): AddressClass {
  const text = input.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (net.isIPv4(text)) return classifyIPv4(ip4(text));
  if (net.isIPv6(text)) return classifyIPv6(ipv6Groups(text.toLowerCase()));
  return "not-an-address";
}
