#!/usr/bin/env python3
"""Images/s of the official MAE-VQGAN inference shapes in plain PyTorch: the ceiling for `vp bench model`.

A self-contained PyTorch definition of the architecture the worker serves (random weights, same shapes):
ViT-L/16 MAE encoder (1024 wide, 24 deep, 16 heads) on 147 visible patches + cls, decoder (512 wide, 8 deep,
16 heads) on 197 tokens, decoder_pred to 1024 VQGAN codes, argmax, codebook 1024 x 256, and the taming f16 VQGAN
decoder (ch 128, ch_mult 1,1,2,2,4, 2 residual blocks per level, attention at resolution 16). One timed call takes
uint8 canvases on the host to uint8 images on the host, as one `MaeVqgan.inpaint` call does.

  python3 deploy/gpu-check/mae_vqgan_ceiling.py                       # GPU: batch 1/8/32/64, fp32 and bf16
  python3 deploy/gpu-check/mae_vqgan_ceiling.py --device cpu --batches 1 --iterations 1 --warmup 0   # smoke test

Worker efficiency on a GPU = `vp bench model --config vit-l --device gpu:0 --precision FP16` images/s divided by
this script's images/s at the same batch size and a comparable precision (the worker cannot run bf16; see README).
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PATCH, GRID, VOCAB = 16, 14, 1024


def sincos_positions(dim, grid):
    """2-D sine-cosine position table with a zero row for the cls token, [1 + grid*grid, dim]."""
    def one_axis(d, pos):
        omega = 1.0 / 10000 ** (torch.arange(d // 2, dtype=torch.float64) / (d / 2.0))
        out = pos.reshape(-1, 1).double() * omega.reshape(1, -1)
        return torch.cat([torch.sin(out), torch.cos(out)], dim=1)
    ys, xs = torch.meshgrid(torch.arange(grid), torch.arange(grid), indexing="ij")
    table = torch.cat([one_axis(dim // 2, xs), one_axis(dim // 2, ys)], dim=1)
    return torch.cat([torch.zeros(1, dim, dtype=torch.float64), table]).float()


class Block(nn.Module):
    """Pre-norm transformer block: attention and a GELU MLP, each with a residual."""
    def __init__(self, dim, heads, mlp_ratio=4.0):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-6), nn.LayerNorm(dim, eps=1e-6)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.fc1, self.fc2 = nn.Linear(dim, int(dim * mlp_ratio)), nn.Linear(int(dim * mlp_ratio), dim)

    def forward(self, x):
        n, t, c = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(n, t, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        if hasattr(F, "scaled_dot_product_attention"):
            a = F.scaled_dot_product_attention(q, k, v)
        else:
            a = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(c // self.heads), dim=-1) @ v
        x = x + self.proj(a.transpose(1, 2).reshape(n, t, c))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


def group_norm(ch):
    """taming's Normalize: 32 groups, eps 1e-6."""
    return nn.GroupNorm(32, ch, eps=1e-6)


class ResBlock(nn.Module):
    """taming's ResnetBlock; `norm` makes each normalisation layer (a diagnostic swaps it)."""
    def __init__(self, cin, cout, norm=group_norm):
        super().__init__()
        self.n1, self.c1 = norm(cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.n2, self.c2 = norm(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x):
        h = self.c1(F.silu(self.n1(x)))
        return self.skip(x) + self.c2(F.silu(self.n2(h)))


class Attn(nn.Module):
    """Single-head spatial self-attention over all positions (taming's AttnBlock)."""
    def __init__(self, ch, norm=group_norm):
        super().__init__()
        self.norm = norm(ch)
        self.q, self.k, self.v, self.out = (nn.Conv2d(ch, ch, 1) for _ in range(4))

    def forward(self, x):
        n, c, h, w = x.shape
        y = self.norm(x)
        q = self.q(y).reshape(n, c, h * w).transpose(1, 2)
        k = self.k(y).reshape(n, c, h * w)
        v = self.v(y).reshape(n, c, h * w)
        a = torch.softmax(q @ k / math.sqrt(c), dim=2)
        return x + self.out((v @ a.transpose(1, 2)).reshape(n, c, h, w))


class VqganDecoder(nn.Module):
    def __init__(self, ch=128, ch_mult=(1, 1, 2, 2, 4), res_blocks=2, z_ch=256, embed=256, codes=1024):
        super().__init__()
        self.codebook = nn.Embedding(codes, embed)
        self.post_quant = nn.Conv2d(embed, z_ch, 1)
        top = ch * ch_mult[-1]
        self.conv_in = nn.Conv2d(z_ch, top, 3, padding=1)
        self.mid = nn.Sequential(ResBlock(top, top), Attn(top), ResBlock(top, top))
        levels, cin, res = [], top, 256 // 2 ** (len(ch_mult) - 1)   # taming counts resolutions from 256
        for level in reversed(range(len(ch_mult))):
            cout, layers = ch * ch_mult[level], []
            for _ in range(res_blocks + 1):
                layers.append(ResBlock(cin, cout))
                cin = cout
                if res == 16:
                    layers.append(Attn(cout))
            if level > 0:
                layers.append(nn.Upsample(scale_factor=2, mode="nearest"))
                layers.append(nn.Conv2d(cout, cout, 3, padding=1))
                res *= 2
            levels.append(nn.Sequential(*layers))
        self.up = nn.Sequential(*levels)
        self.norm_out, self.conv_out = nn.GroupNorm(32, cin, eps=1e-6), nn.Conv2d(cin, 3, 3, padding=1)

    def forward(self, tokens):
        n = tokens.shape[0]
        z = self.codebook(tokens).reshape(n, GRID, GRID, -1).permute(0, 3, 1, 2)
        x = self.up(self.mid(self.conv_in(self.post_quant(z))))
        return self.conv_out(F.silu(self.norm_out(x)))


class MaeVqgan(nn.Module):
    def __init__(self, dim=1024, depth=24, heads=16, ddim=512, ddepth=8, dheads=16):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, PATCH, stride=PATCH)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.register_buffer("pos", sincos_positions(dim, GRID).unsqueeze(0))
        self.blocks = nn.Sequential(*(Block(dim, heads) for _ in range(depth)))
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.dembed = nn.Linear(dim, ddim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, ddim))
        self.register_buffer("dpos", sincos_positions(ddim, GRID).unsqueeze(0))
        self.dblocks = nn.Sequential(*(Block(ddim, dheads) for _ in range(ddepth)))
        self.dnorm = nn.LayerNorm(ddim, eps=1e-6)
        self.pred = nn.Linear(ddim, VOCAB)
        self.vqgan = VqganDecoder()
        mean, std = torch.tensor([0.485, 0.456, 0.406]), torch.tensor([0.229, 0.224, 0.225])
        self.register_buffer("mean", mean.reshape(1, 3, 1, 1))
        self.register_buffer("std", std.reshape(1, 3, 1, 1))
        predicted = torch.zeros(GRID, GRID, dtype=torch.bool)
        predicted[7:, 7:] = True                                   # the 2x2 canvas's answer cell: 49 patches
        order = torch.cat([(~predicted).flatten().nonzero().flatten(), predicted.flatten().nonzero().flatten()])
        self.register_buffer("keep", order[: int((~predicted).sum())])   # 147 visible patches
        self.register_buffer("restore", torch.argsort(order))

    def forward(self, canvases_uint8):
        x = canvases_uint8.permute(0, 3, 1, 2).to(self.mean.dtype) / 255.0
        x = self.patch((x - self.mean) / self.std).flatten(2).transpose(1, 2) + self.pos[:, 1:]
        n, _, c = x.shape
        x = x[:, self.keep]
        x = torch.cat([(self.cls + self.pos[:, :1]).expand(n, -1, -1), x], dim=1)
        x = self.dembed(self.norm(self.blocks(x)))
        masked = self.mask_token.expand(n, GRID * GRID - self.keep.numel(), -1)
        y = torch.cat([x[:, 1:], masked], dim=1)[:, self.restore]
        y = torch.cat([x[:, :1], y], dim=1) + self.dpos
        tokens = self.pred(self.dnorm(self.dblocks(y)))[:, 1:].argmax(-1)
        images = self.vqgan(tokens).float().clamp(-1, 1)
        return ((images + 1) / 2 * 255).clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--device", default="cuda")
    p.add_argument("--batches", default="1,8,32,64")
    p.add_argument("--precisions", default="fp32,bf16", help="fp32, bf16 and/or fp16")
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    args = p.parse_args()
    device = torch.device(args.device)
    dtypes = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
    torch.manual_seed(0)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu (%d threads)" % torch.get_num_threads()
    print("mae_vqgan_ceiling: torch %s, device %s" % (torch.__version__, name))
    for precision in args.precisions.split(","):
        model = MaeVqgan().eval().to(device=device, dtype=dtypes[precision])
        if precision == "fp32":
            print("  parameters: %.1f M" % (sum(t.numel() for t in model.parameters()) / 1e6))
        for batch in (int(b) for b in args.batches.split(",")):
            host = torch.randint(0, 256, (batch, 224, 224, 3), dtype=torch.uint8)
            with torch.inference_mode():
                for _ in range(args.warmup):
                    model(host.to(device)).cpu()
                if device.type == "cuda":
                    torch.cuda.synchronize(device)
                start = time.perf_counter()
                for _ in range(args.iterations):
                    model(host.to(device)).cpu()
                seconds = (time.perf_counter() - start) / args.iterations
            print("  %s batch %3d: %9.2f images/s  (%.1f ms/batch)" % (precision, batch, batch / seconds, 1000 * seconds))
        del model
        if device.type == "cuda":
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
