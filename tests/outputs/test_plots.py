"""The charts' theme: seaborn's, set without importing seaborn."""

from __future__ import annotations

import subprocess
import sys

from pipeline.outputs import plots


def test_the_theme_is_the_one_seaborn_sets_with_the_states_palette():
    import matplotlib as mpl
    import seaborn as sns
    from matplotlib.colors import to_rgb

    def colours(rc) -> list:
        return [to_rgb(c) for c in rc["axes.prop_cycle"].by_key()["color"]]

    with mpl.rc_context():
        plots.apply_style()
        ours = dict(mpl.rcParams)
    with mpl.rc_context():
        sns.set_theme(
            style="whitegrid", palette=plots.PALETTE, font="DejaVu Sans",
            rc={"axes.titlesize": 14, "axes.labelsize": 12, "xtick.labelsize": 11,
                "ytick.labelsize": 11, "axes.edgecolor": plots.GREY, "figure.dpi": 110},
        )  # fmt: skip
        theirs = dict(mpl.rcParams)
    assert colours(ours) == colours(theirs)
    different = {
        key: (ours[key], theirs[key]) for key in theirs
        if key not in ("axes.prop_cycle", "image.cmap") and ours[key] != theirs[key]
    }  # fmt: skip
    assert not different


def test_setting_the_theme_imports_neither_seaborn_nor_scipy():
    code = (
        "import sys; from pipeline.outputs import plots; plots.apply_style(); "
        "print(sorted(m for m in ('seaborn', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
