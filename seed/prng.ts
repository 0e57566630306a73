// sfc32: a small, fast, well-tested 32-bit generator. The default dataset draws about
// ten million random numbers for its CPU samples; measured here, faker.number.float()
// costs ~39 ns a call and sfc32 ~4 ns, i.e. ~0.4 s against ~0.04 s, when the whole
// generation takes ~0.6 s. So faker supplies the 128-bit seed and this does the volume.
export type Random = () => number;

export function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

// Irwin–Hall approximation of a standard normal: no log/sqrt, plenty for sensor noise.
export function gaussian(random: Random): number {
  return (random() + random() + random() + random() - 2) * 1.7320508;
}
