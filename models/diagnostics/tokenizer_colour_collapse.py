#!/usr/bin/env python3
"""Does the tokenizer's recipe lose hue by itself, outside the Java engine?

An independent PyTorch (>= 1.13, CPU) re-implementation of the shipped tokenizer's encoder and decoder shape (the
VQGAN layout at `ch` 16, `ch_mult` 1,1,2,2,4, one ResBlock per encoder level and two per decoder level, mid
attention, GroupNorm, swish), trained as `vp train tokenizer` trains it (64-px crops, batch 16, L1 + L2 loss in
[-1, 1], AdamW 1e-3 with a 100-step warm-up, gradient norm clipped at 1), with the latent l2-normalised and not
quantised. Every 100 steps it prints the loss and what the decoder makes of the centre of a 32-px red, green, blue
and black square on a white 64-px crop. MODEL_CARD.md ("Where the hue goes") reports its runs.

This is a diagnostic, not a second model: nothing here is shipped, loaded or compared bit for bit.

    /usr/bin/python3 models/diagnostics/tokenizer_colour_collapse.py --data squares --steps 600
    /usr/bin/python3 models/diagnostics/tokenizer_colour_collapse.py --data D/canvases.bin --groups 0
    /usr/bin/python3 models/diagnostics/tokenizer_colour_collapse.py --data squares --init identity-residual
"""
import argparse
import pathlib
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# the ResnetBlock and AttnBlock of the project's plain-PyTorch definition of the served architecture
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "deploy" / "gpu-check"))
from mae_vqgan_ceiling import Attn as SpatialAttn, ResBlock  # noqa: E402

CH, MULT, Z = 16, [1, 1, 2, 2, 4], 32
RECORD = 1 + 196 + 224 * 224 * 3  # CanvasStore: family, answer flags, HWC pixels
HEADER = 32
PROBE_COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (0, 0, 0)]


def norm(groups):
    """GroupNorm with `groups` groups (eps 1e-6), or none for 0."""
    return lambda c: nn.Identity() if groups == 0 else nn.GroupNorm(groups, c, eps=1e-6)


def Res(groups, cin, cout):
    return ResBlock(cin, cout, norm(groups))


def Attn(groups, c):
    return SpatialAttn(c, norm(groups))


class Down(nn.Module):
    """Stride-2 3x3 convolution on the input padded by one pixel right and bottom."""

    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, 2, 0)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1)))


class Encoder(nn.Module):
    def __init__(self, groups, ch):
        super().__init__()
        layers, c = [nn.Conv2d(3, ch, 3, 1, 1)], ch
        for level, m in enumerate(MULT):
            layers.append(Res(groups, c, ch * m))
            c = ch * m
            if level < len(MULT) - 1:
                layers.append(Down(c))
        layers += [Res(groups, c, c), Attn(groups, c), Res(groups, c, c), norm(groups)(c), nn.SiLU(),
                   nn.Conv2d(c, Z, 3, 1, 1), nn.Conv2d(Z, Z, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class Decoder(nn.Module):
    def __init__(self, groups, ch):
        super().__init__()
        c = ch * MULT[-1]
        layers = [nn.Conv2d(Z, Z, 1), nn.Conv2d(Z, c, 3, 1, 1), Res(groups, c, c), Attn(groups, c), Res(groups, c, c)]
        for level in reversed(range(len(MULT))):
            layers += [Res(groups, c, ch * MULT[level]), Res(groups, ch * MULT[level], ch * MULT[level])]
            c = ch * MULT[level]
            if level > 0:
                layers += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c, c, 3, 1, 1)]
        layers += [norm(groups)(c), nn.SiLU(), nn.Conv2d(c, 3, 3, 1, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(z)


def identity_residual(net):
    """Every convolution N(0, 1/fan_in) with a zero bias; every residual branch's last convolution and every attention
    output zero, so that each block starts as the identity."""
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, 0.0, 1.0 / m.weight[0].numel() ** 0.5)
            nn.init.zeros_(m.bias)
    for m in net.modules():
        if isinstance(m, ResBlock):
            nn.init.zeros_(m.c2.weight)
        if isinstance(m, SpatialAttn):
            nn.init.zeros_(m.out.weight)


def squares(rng, b, s):
    out = np.full((b, s, s, 3), 255, np.uint8)
    for i in range(b):
        w = rng.integers(12, 40)
        y, x = rng.integers(0, s - w, 2)
        out[i, y:y + w, x:x + w] = rng.integers(0, 256, 3)
    return out


def canvas_crops(rng, data, count, b, s):
    out = np.zeros((b, s, s, 3), np.uint8)
    for i in range(b):
        for _ in range(20):  # flat crops are drawn again, as the trainer does
            k = rng.integers(count)
            px = np.asarray(data[k * RECORD + 197:(k + 1) * RECORD]).reshape(224, 224, 3)
            y, x = 16 * rng.integers(0, (224 - s) // 16 + 1, 2)
            crop = px[y:y + s, x:x + s]
            if (crop.max((0, 1)).astype(int) - crop.min((0, 1))).max() > 16:
                break
        out[i] = crop
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default="squares", help="'squares' (random colours on white) or a canvases.bin")
    p.add_argument("--steps", type=int, default=600)
    p.add_argument("--groups", type=int, default=8, help="GroupNorm groups; 0 for no normalisation")
    p.add_argument("--raw-latent", action="store_true", help="do not l2-normalise the latent")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--ch", type=int, default=CH, help="base width (the shipped tokenizer's: 16)")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--chroma", type=float, default=0.0,
                   help="extra L1 weight on the two opponent colour axes (R-G, (R+G)/2-B) of the error")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--init", choices=["pytorch-default", "identity-residual"], default="pytorch-default",
                   help="identity-residual: N(0, 1/fan_in) convolutions, zero biases, zero conv2 and attention"
                        " outputs (as `vp train tokenizer --init IDENTITY_RESIDUAL`)")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(a.seed + 1)
    enc, dec = Encoder(a.groups, a.ch), Decoder(a.groups, a.ch)
    if a.init == "identity-residual":
        identity_residual(enc)
        identity_residual(dec)
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.AdamW(params, lr=a.lr, betas=(0.9, 0.99), weight_decay=1e-4)
    latent = (lambda z: z) if a.raw_latent else (lambda z: F.normalize(z, dim=1))
    if a.data == "squares":
        draw = lambda: squares(rng, a.batch, 64)
    else:
        data = np.memmap(a.data, dtype=np.uint8, mode="r", offset=HEADER)
        draw = lambda: canvas_crops(rng, data, data.shape[0] // RECORD, a.batch, 64)

    def probe():
        decoded = []
        for colour in PROBE_COLOURS:
            img = torch.ones(1, 3, 64, 64)
            for c in range(3):
                img[0, c, 16:48, 16:48] = colour[c] / 127.5 - 1
            with torch.no_grad():
                r = dec(latent(enc(img)))
            decoded.append(tuple(int(v) for v in ((r[0, :, 32, 32].clamp(-1, 1) + 1) * 127.5).tolist()))
        return decoded

    start = time.time()
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = a.lr * min(1.0, (step + 1) / 100)
        x = torch.from_numpy(draw()).float().permute(0, 3, 1, 2) / 127.5 - 1
        d = dec(latent(enc(x))) - x
        loss = d.abs().mean() + d.pow(2).mean()
        if a.chroma > 0:
            rg = d[:, 0] - d[:, 1]
            yb = (d[:, 0] + d[:, 1]) / 2 - d[:, 2]
            loss = loss + a.chroma * (rg.abs().mean() + yb.abs().mean())
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 100 == 0 or step == a.steps - 1:
            print(f"step {step:5d}  l1 {d.abs().mean().item():.4f}  red, green, blue, black decode as {probe()}"
                  f"  {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
