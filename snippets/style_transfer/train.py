"""Train a fast style-transfer network with BN and with Instance Norm; compare the outputs."""

import numpy as np

from bnviz.experiments import spec_for
from bnviz.nn.style_transfer import (
    CONTENT_IMAGES,
    HELD_OUT,
    STYLE_IMAGE,
    StyleLoss,
    batch_dependence,
    skimage_photo,
    train_stylizer,
    transformer_net,
)

SPEC = spec_for("style_transfer")  # quick profile unless $BNVIZ_PROFILE says otherwise
SEED = 0


def main():
    photos = np.stack([skimage_photo(name, SPEC.photo_size) for name in CONTENT_IMAGES])
    style = skimage_photo(STYLE_IMAGE, SPEC.size * 2)
    loss = StyleLoss(SPEC.data, style)  # VGG19 if its weights load, else a random CNN
    print("loss network:", loss.description)
    test_photo = skimage_photo(HELD_OUT, SPEC.show_size)  # never seen in training
    results = {}
    for norm in ("batch", "instance"):  # instance = GroupNormalization(groups=-1)
        model = transformer_net(norm, SEED)
        history = train_stylizer(model, loss, photos, SPEC, SEED)
        others = photos[:2, : SPEC.show_size, : SPEC.show_size]
        depends = batch_dependence(model, test_photo, others)  # training mode
        print(
            f"{norm:>8}: style loss {history['style_loss'][-1]:.3f}, content loss "
            f"{history['content_loss'][-1]:.3f}, batch dependence {depends:.2g}"
        )
        results[norm] = np.asarray(model(test_photo[None], training=False))[0]
    return results


if __name__ == "__main__":
    main()
