"""What the literature says, as plain data: the reproduced papers' setups and published numbers,
and where normalization sits in landmark CNNs.

Only values printed in the papers are here. Ioffe & Szegedy's Fig. 1 and Santurkar et al.'s
figures are curves without printed values; for those we record the setup and the finding.
Rendering (tables, figures) lives in `bnviz.site.tables` and `bnviz.figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

IOFFE_FIG1 = {
    "paper": "Ioffe & Szegedy (2015), §4.1, Fig. 1",
    "arxiv": "1502.03167",
    "data": "MNIST (60,000 training digits, test set), input a 28×28 binary image",
    "network": "3 fully connected hidden layers × 100 sigmoid units, softmax over 10 classes",
    "init": "small random Gaussian weights (scale not given)",
    "training": "60 examples per mini-batch, 50,000 steps (optimizer and learning rate not given)",
    "findings": (
        "(a) the BN network reaches higher test accuracy, and gets there faster",
        "(b, c) without BN, the 15th/50th/85th percentiles of a typical last-layer sigmoid "
        "input change in mean and spread over training; with BN they are much more stable",
    ),
}

SANTURKAR = {
    "paper": "Santurkar, Tsipras, Ilyas & Madry (2018)",
    "arxiv": "1805.11604",
    "data": "CIFAR-10",
    "network": "a standard VGG (and a 25-layer deep linear network for the ICS measure)",
    "training": "SGD, learning rate 0.1 (Fig. 1 also shows 0.5)",
    "noise": "after every BN layer, per step μ ~ U(−0.5, 0.5), σ ~ U(1, 1.25); per element "
    "m ~ U(μ − 0.1, μ + 0.1), s ~ N(σ, 0.1); activation a → s·a + m",
    "findings": (
        "noisy BN: the activation distributions are visibly unstable, yet training performance "
        "is about the same as with BN and better than without",
        "ICS (gradient change when earlier layers update): BN does not reduce it; networks "
        "with BN often show more of it, most strikingly the deep linear network",
        "along the gradient, the loss varies less and the gradient changes less with BN "
        "(a smaller Lipschitz constant of the loss, more predictive gradients, a better "
        "effective β-smoothness)",
    ),
}

WU_HE_FIG1 = {  # ImageNet validation error (%) of ResNet-50, per images per GPU
    "paper": "Wu & He (2018), Fig. 1",
    "arxiv": "1803.08494",
    "batch_sizes": (32, 16, 8, 4, 2),
    "batch": (23.6, 23.7, 24.8, 27.3, 34.7),
    "group": (24.1, 24.2, 24.0, 24.2, 24.1),
}


@dataclass(frozen=True)
class Landmark:
    year: int
    name: str
    normalization: str  # short label, also the colour group of the timeline figure
    detail: str  # what the paper does, in one line
    reference: str
    url: str


LANDMARKS = (
    Landmark(
        1998,
        "LeNet-5",
        "none",
        "no normalization layers; input pixels scaled so the background is about −0.1 and the "
        "foreground about 1.175, giving mean ≈ 0 and variance ≈ 1",
        "LeCun, Bottou, Bengio & Haffner 1998, Proc. IEEE 86(11)",
        "https://doi.org/10.1109/5.726791",
    ),
    Landmark(
        2012,
        "AlexNet",
        "LRN",
        "local response normalization across neighbouring channels after the ReLU of the first "
        "two convolutional layers",
        "Krizhevsky, Sutskever & Hinton 2012, NeurIPS",
        "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks",
    ),
    Landmark(
        2014,
        "VGG",
        "none",
        "no normalization in the final networks: the authors report that LRN did not improve "
        "accuracy and costs memory and time",
        "Simonyan & Zisserman 2014, arXiv:1409.1556",
        "https://arxiv.org/abs/1409.1556",
    ),
    Landmark(
        2015,
        "Inception-BN",
        "BN",
        "Batch Normalization on the input of every nonlinearity (after each convolution, before "
        "its ReLU); LRN and dropout removed",
        "Ioffe & Szegedy 2015, arXiv:1502.03167",
        "https://arxiv.org/abs/1502.03167",
    ),
    Landmark(
        2015,
        "ResNet",
        "BN",
        "Batch Normalization right after each convolution and before the activation, in every "
        "residual block",
        "He, Zhang, Ren & Sun 2015, arXiv:1512.03385",
        "https://arxiv.org/abs/1512.03385",
    ),
    Landmark(
        2021,
        "NFNet",
        "normalizer-free",
        "no normalization layers: scaled weight standardization and adaptive gradient clipping "
        "instead of BN",
        "Brock, De, Smith & Simonyan 2021, arXiv:2102.06171",
        "https://arxiv.org/abs/2102.06171",
    ),
    Landmark(
        2022,
        "ConvNeXt",
        "LN",
        "Layer Normalization instead of BN, and fewer normalization layers (one per block)",
        "Liu, Mao, Wu, Feichtenhofer, Darrell & Xie 2022, arXiv:2201.03545",
        "https://arxiv.org/abs/2201.03545",
    ),
)
