package org.landatlas.testing;

import java.io.ByteArrayInputStream;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import org.locationtech.jts.geom.GeometryFactory;

/** Vector tiles decoded as a map client would, for tests of tiles and of what each viewer may see in them. */
public final class VectorTiles {

    private VectorTiles() {
    }

    /** One layer of a Mapbox vector tile, feature ids under the attribute {@code fid}. */
    public static JtsLayer decode(byte[] mvt, String layer) throws Exception {
        JtsMvt tile = MvtReader.loadMvt(new ByteArrayInputStream(mvt), new GeometryFactory(), new TagKeyValueMapConverter(false, "fid"));
        return tile.getLayer(layer);
    }
}
