package io.pflogstream.summary;

import io.pflogstream.serde.RecordUnionTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A fact with the host it happened on, the key of the per-host windows. */
@TypeInfo(RecordUnionTypeInfo.Factory.class)
public record HostFact(String host, ReportFact fact) {}
