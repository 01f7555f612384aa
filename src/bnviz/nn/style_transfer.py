"""Fast feed-forward style transfer (Johnson, Alahi & Fei-Fei 2016,
arXiv:1603.08155): an image transformation network trained against a fixed loss
network, with Batch or Instance Norm (Ulyanov, Vedaldi & Lempitsky 2016,
arXiv:1607.08022).

The loss network is ImageNet VGG19 when its weights can be loaded (online).
Offline it is a fixed, *random-weight* multi-scale convolutional network — never
presented as VGG. Random shallow networks capture texture statistics well enough
for texture synthesis (Ustyuzhaninov, Brendel, Gatys & Bethge 2016,
arXiv:1606.00021); they are a weaker stand-in for content.
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers, ops

from bnviz.errors import BnvizError

# scikit-image photos used for training
CONTENT_IMAGES = ("astronaut", "chelsea", "coffee")
HELD_OUT = "rocket"  # a photo the network never saw, for the figure
# scikit-image's stained-tissue photo: colour and texture
STYLE_IMAGE = "immunohistochemistry"
VGG_STYLE = ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1")
VGG_CONTENT = "block3_conv3"


def skimage_photo(name: str, size: int) -> np.ndarray:
    """A scikit-image sample photo, centre-cropped to a square and resized,
    float32 in [0, 1]."""
    import skimage.data

    image = getattr(skimage.data, name)()[..., :3].astype("float32") / 255.0
    h, w = image.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = image[top : top + side, left : left + side]
    return np.asarray(
        ops.image.resize(square[None], (size, size), antialias=True)
    )[0].clip(0, 1)


# --8<-- [start:network]
# --8<-- [start:norm_and_conv]
def _norm(kind: str, name: str):
    if kind == "batch":
        return layers.BatchNormalization(name=name)
    if kind == "instance":
        # Keras 3's Instance Norm
        return layers.GroupNormalization(groups=-1, name=name)
    raise BnvizError(f"unknown norm {kind!r}; choose batch or instance")


def transformer_net(
    norm: str, seed: int = 0, width: int = 16, residual_blocks: int = 3
):
    """Johnson et al.'s architecture, narrowed for a CPU: down-sampling
    convolutions, residual blocks, up-sampling (resize + convolution), each
    convolution followed by `norm` and ReLU."""
    init = keras.initializers.GlorotUniform(seed=seed)

    def conv(x, filters, kernel, stride=1, name=""):
        x = layers.Conv2D(
            filters,
            kernel,
            stride,
            padding="same",
            kernel_initializer=init,
            name=name,
        )(x)
        return layers.ReLU(name=f"{name}_relu")(
            _norm(norm, f"{name}_{norm}")(x)
        )

    inputs = keras.Input(shape=(None, None, 3), name="photo")
    x = conv(inputs, width, 9, name="down1")
    x = conv(x, width * 2, 3, 2, name="down2")
    x = conv(x, width * 4, 3, 2, name="down3")
    # --8<-- [end:norm_and_conv]
    for i in range(residual_blocks):
        y = conv(x, width * 4, 3, name=f"res{i}a")
        y = layers.Conv2D(
            width * 4,
            3,
            padding="same",
            kernel_initializer=init,
            name=f"res{i}b",
        )(y)
        x = layers.Add(name=f"res{i}")([x, _norm(norm, f"res{i}b_{norm}")(y)])
    x = conv(
        layers.UpSampling2D(2, interpolation="nearest", name="up2x")(x),
        width * 2,
        3,
        name="up1",
    )
    x = conv(
        layers.UpSampling2D(2, interpolation="nearest", name="up4x")(x),
        width,
        3,
        name="up2",
    )
    outputs = layers.Conv2D(
        3,
        9,
        padding="same",
        activation="sigmoid",
        kernel_initializer=init,
        name="rgb",
    )(x)
    return keras.Model(inputs, outputs, name=f"transformer_{norm}")


# --8<-- [end:network]


def random_loss_network(seed: int = 1234, filters: int = 64, scales: int = 4):
    """A fixed random multi-scale conv net: at each scale a 3×3 convolution
    (random Glorot weights, never trained) and ReLU, then 2×2 average pooling.
    Style layers: every scale; content layer: the second scale."""
    inputs = keras.Input(shape=(None, None, 3))
    x, outputs = inputs, []
    for s in range(scales):
        x = layers.Conv2D(
            filters,
            3,
            padding="same",
            activation="relu",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed + s),
        )(x)
        outputs.append(x)
        x = layers.AveragePooling2D(2)(x)
    net = keras.Model(inputs, outputs, name="random_multiscale")
    net.trainable = False
    return net, list(range(scales)), 1


def vgg19_loss_network():
    """ImageNet VGG19 features (needs the weights download)."""
    vgg = keras.applications.VGG19(include_top=False, weights="imagenet")
    vgg.trainable = False
    names = [*VGG_STYLE, VGG_CONTENT]
    net = keras.Model(
        vgg.input, [vgg.get_layer(n).output for n in names], name="vgg19"
    )
    net.trainable = False

    def preprocess(x):
        return keras.applications.vgg19.preprocess_input(x * 255.0)

    return net, list(range(len(VGG_STYLE))), len(VGG_STYLE), preprocess


def loss_network(kind: str = "auto"):
    """(network, style output indices, content output index, preprocess,
    description)."""
    if kind in ("auto", "vgg19"):
        try:
            net, style, content, preprocess = vgg19_loss_network()
            return (
                net,
                style,
                content,
                preprocess,
                "ImageNet VGG19 (keras.applications)",
            )
        except Exception as exc:
            if kind == "vgg19":
                raise BnvizError(
                    "VGG19 ImageNet weights could not be loaded "
                    f"({type(exc).__name__}); "
                    "use --data random for the offline loss network"
                ) from exc
    net, style, content = random_loss_network()
    return (
        net,
        style,
        content,
        lambda x: x - 0.5,
        "a fixed random-weight multi-scale CNN (4 scales × 64 filters) "
        "— not VGG",
    )


# --8<-- [start:losses]
# --8<-- [start:gram]
def gram(features):
    """Channel-by-channel correlations, normalized by the number of positions
    and channels."""
    b, h, w, c = ops.shape(features)
    flat = ops.reshape(features, (b, h * w, c))
    return ops.matmul(ops.transpose(flat, (0, 2, 1)), flat) / ops.cast(
        h * w * c, "float32"
    )


# --8<-- [end:gram]


class StyleLoss:
    """Content and style losses against a fixed loss network, each relative to
    its target's magnitude (so the two weights are comparable whatever the
    network)."""

    def __init__(self, network: str, style_image: np.ndarray):
        (
            self.net,
            self.style_ids,
            self.content_id,
            self.preprocess,
            self.description,
        ) = loss_network(network)
        self.style_image = style_image
        feats = self.net(self.preprocess(style_image[None]))
        self.style_grams = [gram(feats[i]) for i in self.style_ids]

    def __call__(self, outputs, photos):
        out = self.net(self.preprocess(outputs))
        target = self.net(self.preprocess(photos))[self.content_id]
        content = ops.mean(
            ops.square(out[self.content_id] - target)
        ) / ops.mean(ops.square(target))
        style = 0.0
        for i, g in zip(self.style_ids, self.style_grams, strict=True):
            style += ops.mean(ops.square(gram(out[i]) - g)) / ops.mean(
                ops.square(g)
            )
        return content, style / len(self.style_ids)


# --8<-- [end:losses]


def random_crops(photos: np.ndarray, size: int, count: int, rng) -> np.ndarray:
    """`count` random size×size crops (with random horizontal flips) from the
    photos."""
    crops = []
    for _ in range(count):
        photo = photos[rng.integers(len(photos))]
        top, left = rng.integers(0, photo.shape[0] - size + 1, size=2)
        crop = photo[top : top + size, left : left + size]
        crops.append(crop[:, ::-1] if rng.random() < 0.5 else crop)
    return np.stack(crops).astype("float32")


# --8<-- [start:training]
def train_stylizer(
    model, loss: StyleLoss, photos, settings, seed: int, record_every: int = 10
):
    """Adam on content_weight·content + style_weight·style; returns the loss
    history."""
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    optimizer = keras.optimizers.Adam(settings.learning_rate)
    history = {"step": [], "content_loss": [], "style_loss": []}

    @tf.function
    def step(batch):
        with tf.GradientTape() as tape:
            out = model(batch, training=True)
            content, style = loss(out, batch)
            total = (
                settings.content_weight * content
                + settings.style_weight * style
            )
        grads = tape.gradient(total, model.trainable_variables)
        optimizer.apply_gradients(
            zip(grads, model.trainable_variables, strict=True)
        )
        return content, style

    for i in range(1, settings.steps + 1):
        batch = random_crops(photos, settings.size, settings.batch_size, rng)
        content, style = step(tf.constant(batch))
        if i % record_every == 0 or i == 1:
            history["step"].append(i)
            history["content_loss"].append(float(content))
            history["style_loss"].append(float(style))
    return history


# --8<-- [start:batch_dependence]
def batch_dependence(model, image, others) -> float:
    """Largest change, in training mode, of the model's output for `image` when
    the other image of its batch is swapped: 0 means the output does not depend
    on the batch."""
    a = np.asarray(model(np.stack([image, others[0]]), training=True))[0]
    b = np.asarray(model(np.stack([image, others[1]]), training=True))[0]
    return float(np.abs(a - b).max())


# --8<-- [end:batch_dependence]

# --8<-- [end:training]
